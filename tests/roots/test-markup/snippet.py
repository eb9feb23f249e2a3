"""Prints HTML, which a page must show as text."""

print("<script>alert('not rendered')</script>")

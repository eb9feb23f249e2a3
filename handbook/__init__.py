"""Build machinery of the Keras Freezing Handbook.

Snippets are run as fresh Python processes (`execute`), their stdout is compared with the stored
expected output (`expected`), and a Sphinx extension puts the checked output under each code cell
(`outputs`). `site` builds every language and publishes the result only when all of them pass.
"""

"""`freeze_report` (snippets/report/) leaves the reader's model as it was: weights, `trainable`
flags of every layer, optimizer variables, and no method replaced on it.

The function is defined by four cells, the last of which is report/freeze_report.py; the test runs
them joined as a reader's script holds them (handbook.continues), then a small model, in a fresh
interpreter under each Keras flavour: TensorFlow is never imported into the pytest process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from handbook import continues

SNIPPET = ROOT / "snippets" / "report" / "freeze_report.py"

CHECK = """
keras.utils.set_random_seed(0)
inner = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(6, name="inner_dense"),
                          keras.layers.BatchNormalization(name="inner_bn")], name="inner")
inner.trainable = False
inputs = keras.Input(shape=(4,))
h = keras.layers.Dense(6, name="dense")(inner(inputs))
h = keras.layers.BatchNormalization(name="bn")(h)
h = keras.layers.Dropout(0.5, name="dropout")(h)
model = keras.Model(inputs, keras.layers.Dense(1, name="head")(h))
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
model.get_layer("bn").trainable = False  # after compile: Keras 2 trains it until compile
rng = np.random.default_rng(0)
x, y = rng.normal(size=(16, 4)).astype("float32"), rng.normal(size=(16, 1)).astype("float32")


def layers(m):
    for layer in m.layers:
        yield layer
        if hasattr(layer, "layers"):
            yield from layers(layer)


def state(m):
    variables = m.optimizer.variables
    variables = variables() if callable(variables) else variables  # a method in some versions
    return {"weights": [w.tolist() for w in m.get_weights()],
            "flags": [m.trainable] + [layer.trainable for layer in layers(m)],
            "optimizer": [np.asarray(v).tolist() for v in variables],
            "replaced": sorted(name for obj in [m, *layers(m)] for name in vars(obj)
                               if name in ("call", "train_step"))}


results = []
for when in ("before any fit", "after a fit"):
    if when == "after a fit":
        model.fit(x, y, batch_size=16, epochs=1, verbose=0)  # builds the optimizer's variables
    before = state(model)
    freeze_report(model, x, y)
    results.append({"when": when, "before": before, "after": state(model)})
print("RESULTS " + json.dumps(results))
"""


def freeze_report_source() -> str:
    """The four cells that define `freeze_report`, joined: they print nothing."""
    return continues.script(SNIPPET).decode("utf-8")


@pytest.mark.site
@pytest.mark.parametrize("legacy", ["0", "1"], ids=["keras3", "keras2"])
def test_freeze_report_leaves_the_readers_model_unchanged(tmp_path, legacy):
    script = tmp_path / "check.py"
    script.write_text(f"import json\n{freeze_report_source()}\n{CHECK}", encoding="utf-8")
    env = {
        **os.environ,
        "TF_USE_LEGACY_KERAS": legacy,
        "KERAS_BACKEND": "tensorflow",
        "KERAS_HOME": str(tmp_path),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "PYTHONHASHSEED": "0",
    }
    run = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.count("verdict:") == 2, run.stdout  # the report ran, twice
    line = next(x for x in run.stdout.splitlines() if x.startswith("RESULTS "))
    results = json.loads(line.removeprefix("RESULTS "))
    for result in results:
        before, after, when = result["before"], result["after"], result["when"]
        assert before["flags"] == after["flags"], f"trainable flags changed ({when})"
        assert before["weights"] == after["weights"], f"weights changed ({when})"
        assert before["optimizer"] == after["optimizer"], f"optimizer variables changed ({when})"
        assert before["replaced"] == after["replaced"], f"methods replaced on the model ({when})"
    # after a fit the optimizer has its slot variables: the comparison covers them too
    assert len(results[1]["before"]["optimizer"]) > len(results[0]["before"]["optimizer"])

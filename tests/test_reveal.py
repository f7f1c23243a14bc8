"""Exercise solutions wait behind a button."""

from __future__ import annotations

from cxkit.ui.reveal import reveal


def test_solution_hidden_until_pressed_and_escaped():
    box = reveal("<b>14</b> agents", "20 scheduled", lang="en")
    button, body = box.children
    assert body.layout.display == "none" and "&lt;b&gt;14" in body.value
    button.click()
    assert body.layout.display is None and button.description == "Hide solution"
    button.click()
    assert body.layout.display == "none"

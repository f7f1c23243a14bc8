"""The workbook in JupyterLab, in a real browser: run a notebook, move a what-if slider, in Finnish."""

from __future__ import annotations

from cxkit.i18n import english_leaks

from .test_app import set_slider

NOTEBOOK = "08_staffing_and_blending.ipynb"


def test_lab_runs_a_notebook_and_the_slider_redraws(browser, lab_url, shots):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(240_000)
    try:
        page.goto(f"{lab_url}/lab/tree/{NOTEBOOK}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", state="visible")
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle']", state="attached"
        )
        page.locator("li.lm-MenuBar-item", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        # every code cell has run: its prompt shows a number, none is waiting ([*] or [ ])
        page.wait_for_function(
            """() => {
                const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                const ran = e => /\\[\\d+\\]/.test(e.textContent);
                // a collapsed (solution) cell shows no prompt
                const done = e => ran(e) || e.textContent.trim() === "";
                return p.length > 0 && p.every(done) && ran(p[p.length - 1]);
            }""",
            polling=1000,
        )
        page.locator(
            ".jp-CodeCell", has_text="cx.StaffingWhatIf"
        ).first.scroll_into_view_if_needed()
        what_if = page.locator(".widget-vbox", has=page.locator("label", has_text="Puheluita")).last
        what_if.wait_for(state="visible")
        status = what_if.locator(".widget-html").filter(has_text="asiantuntijaa").first
        chart = what_if.locator(".widget-output").first
        what_if.scroll_into_view_if_needed()
        before_text, before_png = status.inner_text(), chart.screenshot()
        set_slider(page, "Puheluita", 250)
        page.wait_for_function(
            "([el, old]) => el.innerText !== old", arg=[status.element_handle(), before_text]
        )
        page.wait_for_timeout(1500)
        assert chart.screenshot() != before_png
        page.screenshot(path=str(shots / "lab-fi-08-what-if.png"))
        outputs = "\n".join(page.locator(".jp-OutputArea").all_inner_texts())
        assert "Traceback" not in outputs
        assert english_leaks(outputs) == []
    finally:
        page.close()

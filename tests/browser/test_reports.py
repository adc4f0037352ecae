"""The quarterly report and the report inputs page, in real Chromium with axe-core."""
import os
import subprocess
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import _binary
from test_pages import assert_accessible, click_and_wait


def _png(width, height):
    """A valid PNG of one colour, made here so the test needs no file."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x1d\x70\xb8" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def button(driver, text):
    return driver.find_element(By.XPATH, f"//main//button[normalize-space(.)='{text}']")


def test_quarterly_report_page(server, browser):
    browser.get(server + "/statistics")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Quarterly performance report"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Quarterly performance report")
    quarters = Select(browser.find_element(By.ID, "quarter"))
    earlier = quarters.options[3].get_attribute("value")
    quarters.select_by_value(earlier)
    Select(browser.find_element(By.ID, "scope")).select_by_value("children")
    click_and_wait(browser, button(browser, "Show report"))
    assert f"quarter={earlier}" in browser.current_url and "scope=children" in browser.current_url
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading.endswith("Children's social care"), heading
    titles = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "main h3")]
    assert "Complaints by quarter" in titles and any(t.startswith("Open complaints on") for t in titles)
    assert browser.find_elements(By.CSS_SELECTOR, "table.app-table")
    assert_accessible(browser)


def test_report_inputs_measure_and_recommendation(server, browser):
    browser.get(server + "/reports/inputs")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Report inputs"
    assert_accessible(browser)
    # An empty measure: the error summary names the field, and the page stays accessible.
    Select(browser.find_element(By.ID, "year")).select_by_index(1)
    Select(browser.find_element(By.ID, "service-area")).select_by_value("corporate")
    click_and_wait(browser, button(browser, "Save measure"))
    summary = browser.find_element(By.CSS_SELECTOR, ".app-error-summary")
    assert "Enter what is measured" in summary.text
    assert browser.title.startswith("Error: ")
    assert_accessible(browser)
    Select(browser.find_element(By.ID, "year")).select_by_index(1)
    Select(browser.find_element(By.ID, "service-area")).select_by_value("corporate")
    browser.find_element(By.ID, "measure").send_keys("Council tax accounts")
    browser.find_element(By.ID, "value").send_keys("152,000")
    click_and_wait(browser, button(browser, "Save measure"))
    assert browser.find_element(By.CSS_SELECTOR, ".app-notification").text == "Measure saved"
    row = browser.find_element(By.XPATH, "//tr[th[normalize-space(.)='Council tax accounts']]")
    field = row.find_element(By.CSS_SELECTOR, "input[name=value]")
    assert field.get_attribute("value") == "152000"
    field.clear()
    field.send_keys("153000")
    click_and_wait(browser, row.find_element(By.TAG_NAME, "button"))
    row = browser.find_element(By.XPATH, "//tr[th[normalize-space(.)='Council tax accounts']]")
    assert row.find_element(By.CSS_SELECTOR, "input[name=value]").get_attribute("value") == "153000"

    Select(browser.find_element(By.ID, "rec-year")).select_by_index(1)
    browser.find_element(By.ID, "rec-title").send_keys("Faster corporate responses")
    browser.find_element(By.ID, "rec-detail").send_keys("Answer stage 1 within 10 working days.")
    click_and_wait(browser, button(browser, "Add recommendation"))
    assert browser.find_element(By.CSS_SELECTOR, ".app-notification").text == "Recommendation saved"
    card = browser.find_element(By.XPATH, "//div[contains(@class,'app-summary-card')][h3[starts-with(normalize-space(.),'Faster corporate responses')]]")
    Select(card.find_element(By.CSS_SELECTOR, "select[name=status]")).select_by_value("ongoing")
    card.find_element(By.CSS_SELECTOR, "textarea[name=progress]").send_keys("Half of teams on track.")
    click_and_wait(browser, card.find_element(By.TAG_NAME, "button"))
    card = browser.find_element(By.XPATH, "//div[contains(@class,'app-summary-card')][h3[starts-with(normalize-space(.),'Faster corporate responses')]]")
    assert Select(card.find_element(By.CSS_SELECTOR, "select[name=status]")).first_selected_option.text == "Ongoing"
    assert_accessible(browser)


def test_ombudsman_comparison_inputs(server, browser):
    browser.get(server + "/reports/inputs")
    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "similar authorities' Ombudsman figures"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Ombudsman comparison for ")
    assert_accessible(browser)
    # A figure with no authority named, and a rate above 100%: each named in the summary, by field.
    browser.find_element(By.ID, "upheld-7").send_keys("1.2")
    browser.find_element(By.ID, "name-6").send_keys("Southford Council")
    browser.find_element(By.ID, "compliance-6").send_keys("120")
    click_and_wait(browser, button(browser, "Save figures for " + browser.find_element(By.TAG_NAME, "h1").text.split()[-1]))
    summary = browser.find_element(By.CSS_SELECTOR, ".app-error-summary")
    assert "Enter the authority's name" in summary.text
    assert "compliance rate as a number from 0 to 100" in summary.text
    assert browser.title.startswith("Error: ")
    assert_accessible(browser)
    browser.find_element(By.ID, "upheld-7").clear()
    field = browser.find_element(By.ID, "compliance-6")
    field.clear()
    field.send_keys("87.5")
    residents = browser.find_element(By.ID, "residents")
    residents.clear()
    residents.send_keys("1,240,500")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form[method=post] button"))
    assert "saved" in browser.find_element(By.CSS_SELECTOR, ".app-notification").text
    # Saved rows close up: the new authority follows the three already entered.
    assert browser.find_element(By.ID, "name-3").get_attribute("value") == "Southford Council"
    assert browser.find_element(By.ID, "compliance-3").get_attribute("value") == "87.5"
    assert browser.find_element(By.ID, "residents").get_attribute("value") == "1,240,500"
    assert_accessible(browser)


def test_counting_conventions(server, browser):
    browser.get(server + "/reports/inputs")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Choose how the reports count"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Counting conventions"
    assert_accessible(browser)
    browser.find_element(By.CSS_SELECTOR, "input[name=preset][value='Lancashire 2021/22']").click()
    click_and_wait(browser, button(browser, "Use this preset"))
    assert browser.find_element(By.CSS_SELECTOR, ".app-notification").text.startswith("Counting conventions saved")
    assert "Now in use: Lancashire 2021/22" in browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_element(By.ID, "children-statutory-stage-zero").is_selected()
    assert browser.find_element(By.ID, "shares-total-100").is_selected()
    assert browser.find_element(By.ID, "children-statutory-timed-from").is_selected()
    assert_accessible(browser)
    browser.get(server + "/reports/annual?year=2025&scope=children")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Stage 0: early resolution" in main
    assert "rounded to total 100% instead" in main
    browser.get(server + "/statistics?year=2025")
    assert "Counting conventions: Lancashire 2021/22" in browser.find_element(By.TAG_NAME, "main").text
    # Back to the standard, so other tests see the report as it was.
    browser.get(server + "/reports/conventions")
    browser.find_element(By.CSS_SELECTOR, "input[name=preset][value='Redress standard']").click()
    click_and_wait(browser, button(browser, "Use this preset"))
    assert "Now in use: Redress standard" in browser.find_element(By.TAG_NAME, "main").text


def test_equality_monitoring_form(server, browser):
    browser.get(server + "/")
    case = next(a for a in browser.find_elements(By.CSS_SELECTOR, "main a[href^='/complaints/']") if not a.get_attribute("href").endswith("/new"))
    click_and_wait(browser, case)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Record equality monitoring answers"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Equality monitoring for ")
    assert_accessible(browser)
    Select(browser.find_element(By.ID, "age-band")).select_by_visible_text("65 and over")
    click_and_wait(browser, button(browser, "Save answers"))
    assert browser.find_element(By.CSS_SELECTOR, ".app-notification").text == "Equality monitoring answers saved"


def test_council_details_and_the_published_report(server, browser):
    import tempfile
    import urllib.request

    browser.get(server + "/council")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Council details"
    assert_accessible(browser)
    name = browser.find_element(By.ID, "name")
    before = name.get_attribute("value")
    name.clear()
    click_and_wait(browser, button(browser, "Save council details"))
    assert "Enter the council's name" in browser.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert browser.title.startswith("Error: ")
    assert_accessible(browser)
    browser.find_element(By.ID, "name").send_keys(before or "Anyshire County Council")
    committee = browser.find_element(By.ID, "committee")
    committee.clear()
    committee.send_keys("Audit and Governance Committee")
    click_and_wait(browser, button(browser, "Save council details"))
    assert browser.find_element(By.CSS_SELECTOR, ".app-notification").text == "Council details saved"

    # The logo: a file that is not a picture is refused with its reason; a PNG is shown as printed.
    folder = tempfile.mkdtemp(prefix="redress-logo-")
    with open(folder + "/notes.txt", "w") as f:
        f.write("not a picture")
    browser.find_element(By.ID, "logo").send_keys(folder + "/notes.txt")
    click_and_wait(browser, button(browser, "Upload logo"))
    assert "The logo must be a PNG or SVG picture" in browser.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert_accessible(browser)
    with open(folder + "/crest.png", "wb") as f:
        f.write(_png(240, 80))
    browser.find_element(By.ID, "logo").send_keys(folder + "/crest.png")
    click_and_wait(browser, button(browser, "Upload logo"))
    assert browser.find_element(By.CSS_SELECTOR, ".app-notification").text == "Logo saved"
    preview = browser.find_element(By.CSS_SELECTOR, "img.app-logo-preview")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "The complaints mailbox"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Complaints mailbox"
    assert_accessible(browser)
    browser.get(server + "/council")
    preview = browser.find_element(By.CSS_SELECTOR, "img.app-logo-preview")
    assert browser.execute_script("return arguments[0].naturalWidth", preview) == 240, "the PNG is shown"
    assert_accessible(browser)

    # The web page to publish: one self-contained document, accessible as it stands.
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    request = urllib.request.Request(server + "/reports/annual?year=2025&format=html", headers={"Cookie": cookies})
    with urllib.request.urlopen(request) as response:
        document = response.read().decode()
    assert "Report to the Audit and Governance Committee" in document
    assert '<img class="app-cover__logo" src="data:image/png;base64,' in document
    path = tempfile.mkdtemp(prefix="redress-published-") + "/report.html"
    with open(path, "w") as f:
        f.write(document)
    browser.get("file://" + path)
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Annual complaints report 2025/26")
    contents = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".app-contents a")]
    assert contents[0] == "Introduction" and contents[-1] == "Appendix: data tables"
    assert_accessible(browser)


def test_writing_the_commentary(server, browser):
    browser.get(server + "/reports/annual?year=2025")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Write the commentary"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Commentary for the annual report"
    assert_accessible(browser)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Adult social care"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Commentary: Adult social care"
    box = browser.find_element(By.ID, "text")
    assert "{" in box.get_attribute("value"), "a first draft quoting figures by name"
    assert browser.find_elements(By.CSS_SELECTOR, "#figures + .app-table-wrap code")
    assert_accessible(browser)
    box.clear()
    box.send_keys("Complaints about home care fell this year. {nonsense}")
    click_and_wait(browser, button(browser, "Save commentary"))
    assert "No figure is called {nonsense}" in browser.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert_accessible(browser)
    box = browser.find_element(By.ID, "text")
    box.clear()
    box.send_keys("Complaints about home care fell this year; {fault-found.adults} were upheld in part or whole.")
    click_and_wait(browser, button(browser, "Save commentary"))
    assert browser.find_element(By.CSS_SELECTOR, ".app-notification").text == "Commentary saved: Adult social care"
    item = browser.find_element(By.XPATH, "//li[a[normalize-space(.)='Adult social care']]")
    assert "Written" in item.text
    assert_accessible(browser)


def test_the_committee_pdf_from_the_web_page(server, browser):
    """After the two tests above: the committee named on /council, the adults' commentary."""
    import subprocess
    import tempfile
    import urllib.request

    from test_documents import _check_committee

    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    request = urllib.request.Request(server + "/reports/annual?year=2025&format=pdf", headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=600) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        path = tempfile.mkdtemp(prefix="redress-web-pdf-") + "/report.pdf"
        with open(path, "wb") as f:
            f.write(response.read())
    _check_committee(path, "the web page's PDF", committee="Audit and Governance Committee")
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    assert "Complaints about home care fell this year" in " ".join(text.split())


def test_the_report_template(server, browser):
    """After the PDF check above, which expects the standard chapters; puts them back at the end."""
    browser.get(server + "/reports/annual?year=2025")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Choose the chapters"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Report template"
    assert_accessible(browser)
    title = browser.find_element(By.ID, "title-equality")
    title.clear()
    title.send_keys("x" * 101)
    click_and_wait(browser, button(browser, "Save the template"))
    assert "must be 100 characters or fewer" in browser.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert_accessible(browser)
    title = browser.find_element(By.ID, "title-equality")
    title.clear()
    title.send_keys("Equality and diversity")
    Select(browser.find_element(By.ID, "position-corporate")).select_by_value("3")
    browser.find_element(By.ID, "shown-all-services").click()
    click_and_wait(browser, button(browser, "Save the template"))
    assert browser.find_element(By.CSS_SELECTOR, ".app-notification h2").text == "Report template saved"
    order = [s.get_attribute("id") for s in browser.find_elements(By.CSS_SELECTOR, "select[id^=position-]")]
    assert order[2] == "position-corporate", order
    assert not browser.find_element(By.ID, "shown-all-services").is_selected()
    assert_accessible(browser)
    browser.save_screenshot("/tmp/redress-report-template.png")

    browser.get(server + "/reports/annual/commentary?year=2025")
    chapters = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".app-task-list a")]
    assert chapters[2] == "Corporate complaints" and "Equality and diversity" in chapters, chapters
    assert not any(c.startswith("Across all services") for c in chapters)

    browser.get(server + "/reports/annual/template")
    click_and_wait(browser, button(browser, "Go back to the standard chapters"))
    assert browser.find_element(By.ID, "title-equality").get_attribute("value") == "Equality monitoring"


def test_councils_compared_on_common_definitions(server, browser):
    folder = tempfile.mkdtemp(prefix="redress-benchmark-")
    done = subprocess.run([_binary(), "benchmark", "demo", "--out", folder, "--year", "2025"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    browser.get(server + "/statistics")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Compare councils"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Compare councils"
    assert_accessible(browser)
    click_and_wait(browser, button(browser, "Compare"))
    assert "Choose at least two councils' files" in browser.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert_accessible(browser)
    files = sorted(os.path.join(folder, name) for name in os.listdir(folder))
    assert len(files) == 3
    browser.find_element(By.ID, "files").send_keys("\n".join(files))
    click_and_wait(browser, button(browser, "Compare"))
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "4 councils on the common definitions" in main
    assert "Anyshire County Council (this council)" in main and "Eastmarch County Council" in main
    assert "Northshire County Council: signature checked" in main
    assert browser.find_elements(By.CSS_SELECTOR, "main svg"), "a chart comparing the councils"
    assert_accessible(browser)

"""Documents and the contact log on a case, in real Chromium with axe-core: upload, list, download,
withhold from subject access (checked in the export), a call in the contact log found by search."""
import json
import os
import tempfile
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_pages import assert_accessible, click_and_wait


def _button(driver, text):
    return driver.find_element(By.XPATH, f"//main//button[normalize-space(.)='{text}']")


def _cookies(driver):
    return "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())


def _first_demo_case(browser, server):
    browser.get(server + "/")
    link = browser.find_elements(By.CSS_SELECTOR, "table.app-table tbody th a")[-1]
    click_and_wait(browser, link)
    name = browser.find_element(By.XPATH, "//th[normalize-space()=\"Complainant's name\"]/following-sibling::td").text
    return browser.current_url.split("?")[0], name


def test_documents_on_a_case_and_subject_access(server, browser):
    case_url, name = _first_demo_case(browser, server)
    folder = tempfile.mkdtemp(prefix="redress-documents-")
    letter = os.path.join(folder, "letter from parent.pdf")
    notes = os.path.join(folder, "phone notes.txt")
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 40
    with open(letter, "wb") as f:
        f.write(pdf)
    with open(notes, "w") as f:
        f.write("Rang on Monday about the respite plan.\n")

    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Add documents"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Documents"
    assert_accessible(browser)
    click_and_wait(browser, _button(browser, "Upload"))
    assert "Choose one or more files" in browser.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert_accessible(browser)
    browser.find_element(By.ID, "files").send_keys(letter + "\n" + notes)
    Select(browser.find_element(By.ID, "kind")).select_by_value("complainant-evidence")
    click_and_wait(browser, _button(browser, "Upload"))
    assert browser.find_element(By.CSS_SELECTOR, ".app-notification").text == "2 documents added"
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table.app-table tbody td:first-child a")]
    assert "letter from parent.pdf" in names and "phone notes.txt" in names
    assert_accessible(browser)
    browser.save_screenshot("/tmp/redress-documents.png")

    # Download one: the bytes that were uploaded.
    href = browser.find_element(By.LINK_TEXT, "letter from parent.pdf").get_attribute("href")
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": _cookies(browser)})) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read() == pdf

    # Withhold the notes from subject access.
    row = browser.find_element(By.XPATH, "//tr[td/a[normalize-space(.)='phone notes.txt']]")
    click_and_wait(browser, row.find_element(By.PARTIAL_LINK_TEXT, "Withhold"))
    assert_accessible(browser)
    browser.find_element(By.ID, "reason").send_keys("About a third party who has not agreed")
    click_and_wait(browser, _button(browser, "Withhold from subject access"))
    row = browser.find_element(By.XPATH, "//tr[td/a[normalize-space(.)='phone notes.txt']]")
    assert "Withheld" in row.text

    # The subject access export carries the letter and not the notes.
    browser.get(server + "/subject-access")
    token = browser.find_element(By.CSS_SELECTOR, "input[name=csrf]").get_attribute("value")
    body = urllib.parse.urlencode({"name": name, "format": "json", "csrf": token}).encode()
    request = urllib.request.Request(server + "/subject-access/export", data=body, headers={"Cookie": _cookies(browser)})
    with urllib.request.urlopen(request) as response:
        export = json.loads(response.read())
    files = [d["filename"] for c in export["cases"] for d in c.get("documents", [])]
    assert "letter from parent.pdf" in files and "phone notes.txt" not in files, files


def test_a_call_in_the_contact_log_is_found_by_search(server, browser):
    case_url, _ = _first_demo_case(browser, server)
    reference = browser.find_element(By.TAG_NAME, "h1").text.split()[-1]
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Add to the contact log"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Add to the contact log"
    assert_accessible(browser)
    click_and_wait(browser, _button(browser, "Add to the contact log"))
    assert "Enter what was said or done" in browser.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert_accessible(browser)
    browser.find_element(By.ID, "with-whom").send_keys("The complainant")
    browser.find_element(By.ID, "summary").send_keys("Asked whether the occupational therapist had visited.")
    click_and_wait(browser, _button(browser, "Add to the contact log"))
    assert "Added to the contact log" in browser.find_element(By.CSS_SELECTOR, ".app-notification").text
    assert "occupational therapist" in browser.find_element(By.ID, "changes").find_element(By.XPATH, "following::table").text
    assert_accessible(browser)
    browser.save_screenshot("/tmp/redress-contact-log.png")

    search = browser.find_element(By.ID, "header-search")
    search.clear()
    search.send_keys("occupational therapist")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[role=search] button"))
    assert reference in browser.find_element(By.TAG_NAME, "main").text


def test_an_email_from_the_case_with_a_document(server, browser):
    """After the documents test: the case has two documents to attach."""
    _first_demo_case(browser, server)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Send an email"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Send an email"
    assert "reference" in browser.find_element(By.ID, "subject").get_attribute("value")
    assert_accessible(browser)
    to = browser.find_element(By.ID, "to")
    to.clear()
    to.send_keys("not an address")
    click_and_wait(browser, _button(browser, "Send the email"))
    assert "Enter an email address" in browser.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert_accessible(browser)
    to = browser.find_element(By.ID, "to")
    to.clear()
    to.send_keys("parent@example.org")
    browser.find_element(By.ID, "message").send_keys("Our response is attached.")
    browser.find_element(By.XPATH, "//label[contains(., 'letter from parent.pdf')]/preceding-sibling::input").click()
    click_and_wait(browser, _button(browser, "Send the email"))
    assert "Email queued to send" in browser.find_element(By.CSS_SELECTOR, ".app-notification").text
    assert "Attached: letter from parent.pdf" in browser.find_element(By.TAG_NAME, "main").text

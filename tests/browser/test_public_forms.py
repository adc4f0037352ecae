"""The public feedback forms (adult and young people's), the triage inbox and letters, in real
Chromium with axe-core: every public page is checked, on a desktop and on a small phone."""
import os
import subprocess
import tempfile
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_pages import assert_accessible, click_and_wait


def continue_(driver):
    click_and_wait(driver, driver.find_element(By.XPATH, "//main//button[normalize-space(.)='Continue' or normalize-space(.)='Send' or normalize-space(.)='Send my form']"))


def choose(driver, name, value):
    driver.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']").click()


def test_adult_complaint_with_errors_reaches_the_triage_inbox(server, fresh, browser):
    d = fresh
    d.get(server + "/feedback")
    assert_accessible(d)
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Start now"))
    assert_accessible(d)
    continue_(d)  # nothing chosen
    assert "Select whether you want to make a complaint" in d.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert d.title.startswith("Error: ")
    assert_accessible(d)
    choose(d, "kind", "complaint")
    continue_(d)
    choose(d, "service", "adults")
    assert_accessible(d)
    continue_(d)
    d.find_element(By.ID, "details").send_keys("Nobody came to assess my mother for three months.")
    d.find_element(By.ID, "put-right").send_keys("An assessment this month.")
    assert_accessible(d)
    continue_(d)
    d.find_element(By.ID, "name").send_keys("Alex Adult")
    d.find_element(By.ID, "email").send_keys("not-an-email")
    continue_(d)
    summary = d.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert "Enter an email address in the correct format" in summary and "Select who the complaint is for" in summary
    assert_accessible(d)
    field = d.find_element(By.ID, "email")
    field.clear()
    field.send_keys("alex@example.org")
    choose(d, "on-behalf-of", "relative")
    continue_(d)
    assert_accessible(d)
    Select(d.find_element(By.ID, "age-band")).select_by_value("25-to-59")
    continue_(d)
    assert d.find_element(By.TAG_NAME, "h1").text == "Check your answers"
    assert "Nobody came to assess my mother" in d.find_element(By.CSS_SELECTOR, ".app-summary-list").text
    assert_accessible(d)
    # Change an answer and come straight back to the check.
    click_and_wait(d, d.find_element(By.XPATH, "//button[@name='goto' and @value='details']"))
    details = d.find_element(By.ID, "details")
    details.send_keys(" Still waiting.")
    continue_(d)
    assert d.find_element(By.TAG_NAME, "h1").text == "Check your answers"
    d.find_element(By.ID, "consent").click()
    continue_(d)
    assert d.find_element(By.CSS_SELECTOR, ".app-panel__title").text == "Form sent"
    reference = d.find_element(By.CSS_SELECTOR, ".app-panel__body strong").text
    assert reference.startswith("WEB-")
    assert_accessible(d)

    # The complaints manager sees it in the inbox and records it.
    browser.get(server + "/triage")
    assert_accessible(browser)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, reference))
    assert "Still waiting." in browser.find_element(By.CSS_SELECTOR, ".app-summary-list").text
    assert_accessible(browser)
    Select(browser.find_element(By.ID, "service")).select_by_index(1)
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space(.)='Record']"))
    assert "recorded: reference" in browser.find_element(By.CSS_SELECTOR, ".app-notification").text


def test_young_persons_form_on_a_phone(server, phone):
    d = phone
    d.get(server + "/feedback")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Use the form for children and young people"))
    assert d.find_element(By.TAG_NAME, "h1").text == "What do you want to tell us?"
    assert_accessible(d)
    assert d.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), "no sideways scrolling on a phone"
    choose(d, "kind", "complaint")
    continue_(d)
    choose(d, "service", "children")
    continue_(d)
    continue_(d)  # nothing written
    assert "Tell us what happened" in d.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert_accessible(d)
    d.find_element(By.ID, "details").send_keys("My social worker keeps changing.")
    continue_(d)
    d.find_element(By.ID, "name").send_keys("Kai")
    d.find_element(By.ID, "phone").send_keys("07700 900982")
    choose(d, "on-behalf-of", "self")
    choose(d, "advocate", "yes")
    assert_accessible(d)
    continue_(d)
    assert_accessible(d)
    continue_(d)
    assert_accessible(d)
    d.find_element(By.ID, "consent").click()
    continue_(d)
    assert d.find_element(By.CSS_SELECTOR, ".app-panel__title").text == "We have got your form"
    assert "advocate" in d.find_element(By.TAG_NAME, "main").text
    assert d.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(d)
    reference = d.find_element(By.CSS_SELECTOR, ".app-panel__body strong").text
    # The phone's user is a complaints officer: the young person's form is in the triage inbox,
    # marked as from the young people's form, with the advocate request.
    d.get(server + "/triage")
    row = d.find_element(By.XPATH, f"//tr[th[normalize-space(.)='{reference}']]")
    assert "(young person)" in row.text
    click_and_wait(d, row.find_element(By.TAG_NAME, "a"))
    assert "Asked for an advocate" in d.find_element(By.CSS_SELECTOR, ".app-summary-list").text
    assert_accessible(d)
    d.get(server + "/feedback/privacy")
    assert_accessible(d)


def test_letter_from_a_template_opens_in_libreoffice(server, browser):
    browser.get(server + "/")
    case = next(a for a in browser.find_elements(By.CSS_SELECTOR, "main a[href^='/complaints/']") if not a.get_attribute("href").endswith("/new"))
    click_and_wait(browser, case)
    reference = browser.find_element(By.TAG_NAME, "h1").text.split()[-1]
    Select(browser.find_element(By.ID, "template")).select_by_value("acknowledgement")
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space(.)='Make letter']"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Acknowledgement")
    assert_accessible(browser)
    href = browser.find_element(By.PARTIAL_LINK_TEXT, "Word document").get_attribute("href")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    folder = tempfile.mkdtemp(prefix="redress-letter-")
    path = os.path.join(folder, "letter.docx")
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookies})) as response, open(path, "wb") as out:
        out.write(response.read())
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", folder, path], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", os.path.join(folder, "letter.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert reference in text and "Yours sincerely" in text
    # Chromium is installed here, so the letter also downloads as PDF.
    pdf_href = browser.find_element(By.PARTIAL_LINK_TEXT, "Download as PDF").get_attribute("href")
    pdf = os.path.join(folder, "printed.pdf")
    with urllib.request.urlopen(urllib.request.Request(pdf_href, headers={"Cookie": cookies})) as response, open(pdf, "wb") as out:
        out.write(response.read())
    printed = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    assert reference in printed and "Yours sincerely" in printed
    browser.get(server + "/letters")
    assert_accessible(browser)

"""The case workspace in real Chromium, checked with axe-core: finding a case from the header's
search box, case lists, owners and My cases, correcting a name, a compliment's own form, the
duplicate warning and merging, and the summary card above the fold."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import _driver, sign_in
from test_pages import assert_accessible, click_and_wait, submit


def record_complaint(driver, server, name, contact, day="10", anyway=False):
    driver.get(server + "/complaints/new")
    driver.find_element(By.ID, "service-area-2").click()  # children's social care
    for part, value in (("day", day), ("month", "11"), ("year", "2026")):
        driver.find_element(By.ID, f"received-{part}").send_keys(value)
    Select(driver.find_element(By.ID, "method")).select_by_visible_text("Email")
    driver.find_element(By.ID, "complainant-name").send_keys(name)
    driver.find_element(By.ID, "complainant-contact").send_keys(contact)
    Select(driver.find_element(By.ID, "relationship")).select_by_visible_text("Parent")
    driver.find_element(By.ID, "child-or-young-person-2").click()
    Select(driver.find_element(By.ID, "service-category")).select_by_value("child-in-need")
    driver.find_element(By.ID, "summary").send_keys("Visits were missed and calls not returned.")
    submit(driver)
    if anyway and "This may already be recorded" in driver.page_source:
        assert_accessible(driver)
        submit(driver)
    assert "Complaint recorded" in driver.page_source, driver.page_source[:2000]
    reference = re.search(r"reference (CSC-\d{4}-\d{5})", driver.page_source).group(1)
    return driver.current_url.split("?")[0], reference


def header_search(driver, text):
    box = driver.find_element(By.ID, "header-search")
    box.clear()
    box.send_keys(text)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.app-header__search button"))


def test_find_a_case_from_the_header_by_part_of_a_name_and_of_a_reference(server, browser):
    url, reference = record_complaint(browser, server, "Bartholomew Quist", "bq@example.org", anyway=True)
    header_search(browser, "barth qui")
    assert reference in browser.find_element(By.CSS_SELECTOR, "main table").text
    assert_accessible(browser)
    header_search(browser, reference[:-2])
    assert reference in browser.find_element(By.CSS_SELECTOR, "main").text
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, reference))
    assert browser.current_url.split("?")[0] == url


def test_closed_compliments_for_a_service(server, browser):
    browser.get(server + "/cases")
    Select(browser.find_element(By.ID, "kind")).select_by_value("compliment")
    Select(browser.find_element(By.ID, "status")).select_by_value("closed")
    Select(browser.find_element(By.ID, "area")).select_by_value("adults")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.app-filters button[type=submit]"))
    assert "Showing 1 to" in browser.find_element(By.ID, "case-count").text
    kinds = {row.find_elements(By.TAG_NAME, "td")[0].text for row in browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")}
    assert kinds == {"Compliment"}
    assert_accessible(browser)


def test_assign_a_case_and_it_is_on_that_officers_my_cases(server, browser):
    url, reference = record_complaint(browser, server, "Winifred Oddie", "01632 960001", anyway=True)
    browser.get(url + "/owner")
    assert_accessible(browser)
    browser.find_element(By.XPATH, "//label[contains(., 'Olu Officer')]").click()
    submit(browser)
    assert "Owner saved" in browser.page_source
    officer = _driver(1280, 1000)
    try:
        sign_in(officer, server, "officer")
        officer.get(server + "/my-cases")
        assert reference in officer.find_element(By.CSS_SELECTOR, "main table").text
        assert_accessible(officer)
    finally:
        officer.quit()


def test_correct_a_misspelt_name_with_a_reason(server, browser):
    url, _ = record_complaint(browser, server, "Jno Doherty", "jd@example.org", anyway=True)
    browser.get(url + "/details")
    assert_accessible(browser)
    name = browser.find_element(By.ID, "complainant-name")
    name.clear()
    name.send_keys("Jon Doherty")
    browser.find_element(By.ID, "reason").send_keys("Misspelt when typed from the letter")
    submit(browser)
    assert "Details corrected" in browser.page_source
    changes = browser.find_element(By.ID, "changes").find_element(By.XPATH, "following-sibling::div").text
    assert "Name from “Jno Doherty” to “Jon Doherty”" in changes


def test_record_a_compliment_through_its_own_form(server, browser):
    browser.get(server + "/compliments/new")
    assert "Who is complaining" not in browser.page_source
    assert_accessible(browser)
    browser.find_element(By.ID, "service-area").click()  # adult social care
    for part, value in (("day", "12"), ("month", "11"), ("year", "2026")):
        browser.find_element(By.ID, f"received-{part}").send_keys(value)
    Select(browser.find_element(By.ID, "method")).select_by_visible_text("Email")
    Select(browser.find_element(By.ID, "service-category")).select_by_index(1)
    browser.find_element(By.ID, "team").send_keys("Reablement team")
    browser.find_element(By.ID, "summary").send_keys("Thank you for helping my dad home.")
    browser.find_element(By.ID, "publication-quote").send_keys("Thank you for helping my dad home.")
    browser.find_element(By.ID, "quote-consent").click()
    submit(browser)
    assert "Compliment recorded" in browser.page_source
    assert "What they said" in browser.page_source
    assert_accessible(browser)


def test_duplicate_warning_then_merge_shows_both_histories(server, browser):
    first_url, first = record_complaint(browser, server, "Persephone Duplicat", "pd@example.org", day="3", anyway=True)
    browser.get(server + "/complaints/new")
    # The same person about the same service area: a warning before anything is saved.
    for part, value in (("day", "4"), ("month", "11"), ("year", "2026")):
        browser.find_element(By.ID, f"received-{part}").send_keys(value)
    browser.find_element(By.ID, "service-area-2").click()
    Select(browser.find_element(By.ID, "method")).select_by_visible_text("Email")
    browser.find_element(By.ID, "complainant-name").send_keys("Persephone Duplicat")
    Select(browser.find_element(By.ID, "relationship")).select_by_visible_text("Parent")
    browser.find_element(By.ID, "child-or-young-person-2").click()
    Select(browser.find_element(By.ID, "service-category")).select_by_value("child-in-need")
    browser.find_element(By.ID, "summary").send_keys("The same complaint again.")
    submit(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "This may already be recorded"
    assert first in browser.find_element(By.CSS_SELECTOR, "main table").text
    assert_accessible(browser)
    submit(browser)  # record it anyway
    assert "Complaint recorded" in browser.page_source
    second_url = browser.current_url.split("?")[0]
    second = re.search(r"reference (CSC-\d{4}-\d{5})", browser.page_source).group(1)
    browser.get(second_url + "/merge")
    assert_accessible(browser)
    browser.find_element(By.ID, "reference").send_keys(first)
    browser.find_element(By.ID, "confirm").click()
    submit(browser)
    assert browser.current_url.split("?")[0] == first_url
    assert f"Merged in from {second}" in browser.page_source
    assert "Merged: this case is now the one to work on" in browser.page_source
    assert_accessible(browser)


def test_summary_card_is_above_the_fold(server):
    driver = _driver(1280, 800)
    try:
        # The viewport itself 1280 by 800 CSS pixels, whatever the window's frame takes.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
        sign_in(driver, server, "manager")
        driver.get(server + "/cases?kind=complaint&status=open")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main table tbody tr th a"))
        card = driver.find_element(By.CSS_SELECTOR, ".app-summary-card")
        bottom = driver.execute_script("return arguments[0].getBoundingClientRect().bottom;", card)
        height = driver.execute_script("return window.innerHeight;")
        assert height == 800
        assert bottom <= height, f"the summary card ends at {bottom}px, below the fold at {height}px"
        driver.save_screenshot("/tmp/redress-case-1280x800.png")
        assert_accessible(driver)
    finally:
        driver.quit()


ROW_GEOMETRY = """
return Array.from(document.querySelectorAll('.app-summary-card__row')).map(row => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const action = row.querySelector('dd.app-summary-card__action');
  return {key: box(row.querySelector('dt')), value: box(row.querySelector('dd:not(.app-summary-card__action)')),
          action: action ? box(action.querySelector('a')) : null, label: row.querySelector('dt').textContent};
});
"""


def test_summary_card_keeps_each_change_link_clear_of_its_answer(server, browser, phone):
    """Wide, the key, the answer and "Change" are three columns with a gap; on a 320-pixel phone the
    key is above the answer and "Change" beside the answer, never running into its words."""
    for driver, narrow in ((browser, False), (phone, True)):
        driver.get(server + "/cases?kind=complaint&status=open")
        click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main table tbody tr th a"))
        rows = driver.execute_script(ROW_GEOMETRY)
        assert len([r for r in rows if r["action"]]) >= 3, rows
        for row in rows:
            key, value, action = row["key"], row["value"], row["action"]
            if narrow:
                assert key[3] <= value[1] + 1, f"{row['label']}: the key is above its answer on a phone"
            else:
                assert key[2] <= value[0], f"{row['label']}: the key is beside its answer"
            if action:
                assert action[0] >= value[2] + 15, f"{row['label']}: Change starts {action[0] - value[2]}px after the answer"
                assert action[1] < value[3], f"{row['label']}: Change is on the answer's first line, not below it"

"""Sign-in, roles and the privacy pages, in real Chromium with axe-core."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import CREDENTIALS, sign_in
from test_pages import assert_accessible, submit


def test_sign_in_page_errors_then_signs_in_and_out(server, fresh):
    fresh.get(server + "/")
    assert fresh.current_url.endswith("/sign-in"), "a page that needs a user sends a visitor to sign in"
    assert_accessible(fresh)
    fresh.find_element(By.ID, "username").send_keys("manager")
    fresh.find_element(By.ID, "password").send_keys("not the password")
    submit(fresh)
    summary = fresh.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert "username or password is not right" in summary
    assert fresh.title.startswith("Error: ")
    assert_accessible(fresh)
    sign_in(fresh, server, "reader")
    assert fresh.current_url.endswith("/statistics"), "a report reader starts on the statistics page"
    nav = fresh.find_element(By.CSS_SELECTOR, "nav").text
    assert "Statistics" in nav and "Open complaints" not in nav and "Users" not in nav
    fresh.get(server + "/complaints/new")
    assert fresh.find_element(By.TAG_NAME, "h1").text == "You do not have access to this page"
    assert_accessible(fresh)
    fresh.find_element(By.CSS_SELECTOR, "form[action='/sign-out'] button").click()
    WebDriverWait(fresh, 20).until(lambda d: "signed-out=1" in d.current_url)
    assert "You have signed out" in fresh.find_element(By.CSS_SELECTOR, ".app-notification").text
    assert_accessible(fresh)
    fresh.get(server + "/statistics")
    assert fresh.current_url.endswith("/sign-in")


def test_audit_trail_shows_the_case_just_viewed(server, browser):
    browser.get(server + "/")
    link = browser.find_element(By.CSS_SELECTOR, "table.app-table tbody th a")
    reference = link.text
    link.click()
    browser.get(server + "/audit?reference=" + reference)
    rows = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "table.app-table tbody tr")]
    assert rows and "manager" in rows[0] and "Viewed case" in rows[0]
    assert_accessible(browser)


def test_subject_access_search_and_retention_dry_run(server, browser):
    browser.get(server + "/subject-access")
    assert_accessible(browser)
    submit(browser)
    assert "Enter the person's full name" in browser.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert_accessible(browser)
    browser.get(server + "/")
    # The last row: a demo case (other tests' new complaints, overdue, come first and have no name).
    browser.find_elements(By.CSS_SELECTOR, "table.app-table tbody th a")[-1].click()
    name = browser.find_element(By.XPATH, "//th[normalize-space()=\"Complainant's name\"]/following-sibling::td").text
    assert name != "Not given"
    browser.get(server + "/subject-access")
    browser.find_element(By.ID, "name").send_keys(name.upper())
    submit(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Subject access: ")
    assert browser.find_elements(By.CSS_SELECTOR, "table.app-table tbody tr")
    assert_accessible(browser)
    browser.get(server + "/retention")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Retention"
    assert_accessible(browser)


def test_administrator_sees_users_but_no_cases(server, fresh):
    sign_in(fresh, server, "admin")
    assert fresh.current_url.endswith("/statistics")
    fresh.get(server + "/users")
    assert fresh.find_element(By.TAG_NAME, "h1").text == "Users"
    assert len(fresh.find_elements(By.CSS_SELECTOR, "table.app-table tbody tr")) == len(CREDENTIALS)
    assert_accessible(fresh)
    fresh.get(server + "/")
    assert fresh.current_url.endswith("/statistics"), "administrators have no case list"


def test_annual_report_page(server, browser):
    browser.get(server + "/statistics")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Annual complaints report").click()
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Annual complaints report")
    assert browser.find_elements(By.CSS_SELECTOR, "svg[role=img]"), "charts"
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.app-table")) > 20
    assert_accessible(browser)

"""The Complaint Handling Code in Chromium with axe-core: a service request recorded and made a
complaint, a reasonable adjustment and the review queue, and the self-assessment answered."""
import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_lifecycle import record, take_step
from test_pages import assert_accessible, click_and_wait, submit


def test_a_service_request_is_recorded_then_made_a_complaint(server, browser):
    browser.get(server + "/complaints/new")
    browser.find_element(By.CSS_SELECTOR, "input[name=kind][value='service-request']").click()
    browser.find_element(By.ID, "service-area-3").click()  # corporate
    for part, value in zip(("day", "month", "year"), (2, 3, 2026)):
        browser.find_element(By.ID, f"received-{part}").send_keys(str(value))
    Select(browser.find_element(By.ID, "method")).select_by_visible_text("Telephone")
    Select(browser.find_element(By.ID, "relationship")).select_by_visible_text("Service user (adult)")
    browser.find_element(By.ID, "child-or-young-person-2").click()
    Select(browser.find_element(By.ID, "service-category")).select_by_value("education")
    browser.find_element(By.ID, "summary").send_keys("School transport did not arrive this morning.")
    submit(browser)
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "SR-2025-" in main and "Service request" in main
    assert_accessible(browser)
    take_step(browser, "convert", dates={"convert-date": (9, 3, 2026)})
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Mon 16 Mar 2026" in main  # acknowledge within 5 working days of the day it became a complaint
    assert "SR-2025-" in main
    assert_accessible(browser)


def test_a_reasonable_adjustment_joins_the_review_queue(server, browser):
    record(browser, server, "service-area-3", "education")
    review = datetime.date.today() + datetime.timedelta(days=1)
    take_step(browser, "adjustment", dates={"adjustment-agreed-on": (3, 3, 2026),
                                            "adjustment-review-on": (review.day, review.month, review.year)},
              texts={"adjustment-description": "Letters in large print"})
    assert "Letters in large print" in browser.find_element(By.TAG_NAME, "main").text
    reference = browser.find_element(By.TAG_NAME, "h1").text.split()[-1]
    browser.get(server + "/")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Reasonable adjustments to review"))
    queue = browser.find_element(By.TAG_NAME, "main").text
    assert "Review: Letters in large print" in queue and reference in queue, queue[queue.find("Work queues"):][:600]
    assert_accessible(browser)


def test_the_self_assessment_is_answered_provision_by_provision(server, browser):
    browser.get(server + "/reports/code/self-assessment?year=2026")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Self-assessment against the Complaint Handling Code"
    assert_accessible(browser)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Complaint handling staff"))
    submit(browser)
    summary = browser.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    assert "Select whether the council complies with this provision" in summary
    assert_accessible(browser)
    browser.find_element(By.CSS_SELECTOR, "input[name=status][value=partly]").click()
    browser.find_element(By.ID, "evidence").send_keys("A complaints team of four; no deputy for the manager.")
    browser.find_element(By.ID, "action").send_keys("Name a deputy complaints manager by April.")
    submit(browser)
    assert browser.find_element(By.CSS_SELECTOR, ".app-notification").text.startswith("Answer saved")
    item = browser.find_element(By.XPATH, "//li[a[text()='Complaint handling staff']]")
    assert "Partly compliant" in item.text
    # The demo council answered last year's; its report shows the table with Redress's figures.
    browser.get(server + "/reports/code?year=2025")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Self-assessment 2025/26" in main and "within 5 working days" in main
    assert "Complaints not accepted, by reason" in main and "The governing body's response" in main
    assert_accessible(browser)

"""Every page a person uses, in real Chromium: it works without JavaScript, and axe-core finds
no WCAG 2.2 A/AA violations."""
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_accessible(driver):
    axe = Axe(driver)
    axe.inject()
    results = axe.run(options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})" for v in results["violations"]]
    assert violations == [], f"{driver.current_url}: " + "; ".join(violations)


def submit(driver):
    """Submits the page's form and waits for the next page to load."""
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))


def click_and_wait(driver, element):
    """Clicks a link or button and waits for the next page to replace this one and load."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    def replaced(_):
        try:
            old.tag_name
            return False
        except WebDriverException:  # stale, or chromedriver's "node does not belong to the document"
            return True

    WebDriverWait(driver, 20).until(replaced)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def fill_valid_complaint(driver, summary="Worker did not return calls about the child in need plan."):
    driver.find_element(By.ID, "service-area-2").click()  # children's social care
    driver.find_element(By.ID, "received-day").send_keys("1")
    driver.find_element(By.ID, "received-month").send_keys("6")
    driver.find_element(By.ID, "received-year").send_keys("2022")
    Select(driver.find_element(By.ID, "method")).select_by_visible_text("Email")
    Select(driver.find_element(By.ID, "relationship")).select_by_visible_text("Parent")
    driver.find_element(By.ID, "child-or-young-person-2").click()  # No
    Select(driver.find_element(By.ID, "service-category")).select_by_value("child-in-need")
    driver.find_element(By.ID, "summary").send_keys(summary)


def test_dashboard_lists_demo_complaints_with_deadlines(server, browser):
    browser.get(server + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Open complaints"
    rows = browser.find_elements(By.CSS_SELECTOR, "table.app-table tbody tr")
    assert len(rows) > 10
    assert "working day" in rows[0].text or "Date not yet agreed" in rows[0].text
    assert browser.find_elements(By.CSS_SELECTOR, ".app-row--overdue"), "the demo council has overdue complaints"
    assert_accessible(browser)


def test_form_with_errors_then_valid_complaint_reaches_the_dashboard(server, browser):
    browser.get(server + "/complaints/new")
    assert_accessible(browser)

    # Submit with a missing year and no summary: error summary, values kept, nothing stored.
    fill_valid_complaint(browser, summary="")
    browser.find_element(By.ID, "received-year").clear()
    submit(browser)
    summary = browser.find_element(By.CSS_SELECTOR, ".app-error-summary")
    links = [a.text for a in summary.find_elements(By.TAG_NAME, "a")]
    assert links == ["Date the complaint was received must include a year", "Enter a summary of the complaint"]
    assert browser.title.startswith("Error: ")
    assert browser.find_element(By.ID, "received-day").get_attribute("value") == "1"
    assert browser.find_element(By.ID, "service-area-2").is_selected()
    assert_accessible(browser)

    # The error link takes the user to the field.
    summary.find_element(By.LINK_TEXT, "Date the complaint was received must include a year").click()
    assert browser.current_url.endswith("#received-year")

    # Correct and submit.
    browser.find_element(By.ID, "received-year").send_keys("2022")
    browser.find_element(By.ID, "summary").send_keys("Worker did not return calls.")
    submit(browser)
    assert "Complaint recorded" in browser.page_source
    heading = browser.find_element(By.TAG_NAME, "h1").text
    reference = heading.replace("Complaint ", "")
    assert reference.startswith("CSC-2022-")
    assert "Fri 17 Jun 2022" in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)

    browser.get(server + "/")
    assert reference in browser.find_element(By.TAG_NAME, "main").text


def test_statistics_page(server, browser):
    browser.get(server + "/statistics")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Statistics for ")
    captions = [c.text for c in browser.find_elements(By.TAG_NAME, "caption")]
    assert "Representations received by service area" in captions
    assert any(c.startswith("Stage 1 response times") for c in captions)
    assert_accessible(browser)


def test_not_found_page(server, browser):
    browser.get(server + "/complaints/no-such-case")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Page not found"
    assert_accessible(browser)


def test_pages_reflow_on_a_small_phone(server, phone):
    for path in ["/", "/complaints/new", "/statistics"]:
        phone.get(server + path)
        overflow = phone.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"


def test_people_page(server, browser):
    browser.get(server + "/people")
    assert browser.find_element(By.TAG_NAME, "h1").text == "People and pools"
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.app-table tbody tr")) >= 10
    assert_accessible(browser)


def test_case_page_with_step_forms(server, browser):
    """A demo case at stage 2 or 3 shows its stages, appointments, deadlines and the forms for the next steps."""
    browser.get(server + "/")
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "table.app-table tbody th a")]
    assert links
    browser.get(links[0])
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Complaint ")
    assert browser.find_elements(By.CSS_SELECTOR, "form.app-step-form")
    assert_accessible(browser)

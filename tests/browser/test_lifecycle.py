"""A children's complaint taken through every stage in the browser, using only the forms a
complaints officer uses (no JavaScript in the pages; Selenium only types and clicks)."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_pages import assert_accessible, fill_valid_complaint, submit


def open_form(driver, name, index=0):
    """Follows the case page's task list to the step's own page and returns its form."""
    links = [a for a in driver.find_elements(By.CSS_SELECTOR, ".app-task-list a")
             if re.search(rf"/steps/{re.escape(name)}(-[^/]*)?$", a.get_attribute("href") or "")]
    assert links, f"no task '{name}' on the case page"
    old = driver.find_element(By.TAG_NAME, "html")
    links[index].click()
    submit_wait(driver, old)
    return driver.find_element(By.CSS_SELECTOR, f"form[action$='/steps/{name}']")


def take_step(driver, name, dates=None, selects=None, radios=None, texts=None, expect="", index=0):
    form = open_form(driver, name, index)
    for prefix, (d, m, y) in (dates or {}).items():
        for part, value in (("day", d), ("month", m), ("year", y)):
            field = form.find_element(By.ID, f"{prefix}-{part}")
            field.clear()
            field.send_keys(str(value))
    for field_id, value in (selects or {}).items():
        Select(form.find_element(By.ID, field_id)).select_by_value(value)
    for element_id in radios or []:
        form.find_element(By.ID, element_id).click()
    for field_id, value in (texts or {}).items():
        form.find_element(By.ID, field_id).send_keys(value)
    old = driver.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    submit_wait(driver, old)
    assert not driver.find_elements(By.CSS_SELECTOR, ".app-error-summary"), \
        f"{name}: " + driver.find_element(By.CSS_SELECTOR, ".app-error-summary").text
    if expect:
        assert expect in driver.find_element(By.CSS_SELECTOR, ".app-notification").text


def submit_wait(driver, old):
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def replaced(_):
        try:
            old.tag_name
            return False
        except WebDriverException:
            return True
    WebDriverWait(driver, 20).until(replaced)


def test_childrens_complaint_through_all_stages_to_the_ombudsman(server, browser):
    browser.get(server + "/complaints/new")
    fill_valid_complaint(browser, summary="Child in need plan not followed; calls not returned.")
    for part, value in (("day", "2"), ("month", "3"), ("year", "2026")):
        field = browser.find_element(By.ID, f"received-{part}")
        field.clear()
        field.send_keys(value)
    submit(browser)
    assert "Complaint recorded" in browser.page_source

    # Stage 1: acknowledged, extended to the 20-working-day maximum, answered.
    take_step(browser, "record", dates={"record-date": (3, 3, 2026)}, radios=["record-milestone"], expect="Step recorded")
    take_step(browser, "extend", dates={"extend-to": (30, 3, 2026), "extend-agreed-on": (10, 3, 2026), "extend-informed-on": (10, 3, 2026)},
              selects={"extend-clock": "stage-1-response"}, texts={"extend-reason": "Advocate being arranged for the young person"}, expect="Due date saved")
    take_step(browser, "respond", dates={"respond-date": (27, 3, 2026)}, selects={"respond-outcome": "partly-upheld"}, expect="Response recorded")

    # Stage 2: requested, IO and IP appointed, statement agreed, extended, reports, adjudication.
    take_step(browser, "escalate", dates={"escalate-date": (8, 4, 2026)}, expect="Next stage opened")
    take_step(browser, "appoint", dates={"appoint-date": (15, 4, 2026)}, selects={"appoint-role": "investigating-officer", "appoint-person": "demo-io-ext-1"})
    take_step(browser, "appoint", dates={"appoint-date": (15, 4, 2026)}, selects={"appoint-role": "independent-person", "appoint-person": "demo-ip-1"})
    take_step(browser, "record", dates={"record-date": (22, 4, 2026)}, radios=["record-milestone-2"])  # statement agreed
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Fri 29 May 2026" in main  # stage 2 due: 25 working days, skipping 4 and 25 May
    take_step(browser, "extend", dates={"extend-to": (10, 7, 2026), "extend-agreed-on": (20, 5, 2026)},
              selects={"extend-clock": "stage-2-response"}, texts={"extend-reason": "Health and school records needed"})
    take_step(browser, "record", dates={"record-date": (30, 6, 2026)}, radios=["record-milestone-2"])  # reports received
    take_step(browser, "respond", dates={"respond-date": (7, 7, 2026)}, selects={"respond-outcome": "upheld"})

    # Stage 3: the review panel.
    take_step(browser, "escalate", dates={"escalate-date": (14, 7, 2026)})
    take_step(browser, "appoint", dates={"appoint-date": (20, 7, 2026)}, selects={"appoint-role": "panel-chair", "appoint-person": "demo-panel-1"})
    take_step(browser, "appoint", dates={"appoint-date": (20, 7, 2026)}, selects={"appoint-role": "panel-member", "appoint-person": "demo-panel-2"})
    take_step(browser, "appoint", dates={"appoint-date": (20, 7, 2026)}, selects={"appoint-role": "panel-member", "appoint-person": "demo-panel-3"})
    take_step(browser, "record", dates={"record-date": (20, 8, 2026)}, radios=["record-milestone-2"])  # panel met
    take_step(browser, "record", dates={"record-date": (26, 8, 2026)}, radios=["record-milestone-2"])  # panel reported
    take_step(browser, "respond", dates={"respond-date": (10, 9, 2026)}, selects={"respond-outcome": "upheld"})

    # The Ombudsman: referral, upheld decision, a payment remedy completed late.
    take_step(browser, "refer", dates={"refer-notified-on": (1, 10, 2026)}, texts={"refer-reference": "26 001 234"}, expect="Ombudsman case recorded")
    take_step(browser, "decide", dates={"decide-decided-on": (2, 11, 2026)}, selects={"decide-decision": "upheld"},
              radios=["decide-fault", "decide-injustice", "decide-satisfactory-2"], expect="Ombudsman decision recorded")
    take_step(browser, "remedy", dates={"remedy-due-on": (9, 11, 2026)}, selects={"remedy-kind": "payment"},
              texts={"remedy-description": "Payment for time and trouble", "remedy-amount": "250"}, expect="Remedy recorded")
    take_step(browser, "complete-remedy", dates={"complete-remedy-completed-on": (16, 11, 2026)}, expect="Remedy completed")

    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Closed at stage 3: review panel" in main
    for expected in [
        "Stage 1 response sent Fri 27 Mar 2026", "Adjudication sent Tue 7 Jul 2026", "Review panel met Thu 20 Aug 2026",
        "Council's response sent Thu 10 Sep 2026", "Investigating Officer: Evelyn Marsh", "Panel chair: Laura Fielding",
        "Stage 2 adjudication due Fri 10 Jul 2026", "Upheld (investigated), Mon 2 Nov 2026", "Completed late Mon 16 Nov 2026",
        "Ombudsman case 26 001 234: council told on 1 October 2026",
    ]:
        assert expected in main, expected
    # Every clock shows its due and actual dates; all were met.
    cells = browser.find_elements(By.XPATH, "//section[@class='app-stage']//table[.//th[text()='Deadline']]/tbody/tr/td[last()]")
    statuses = [cell.text for cell in cells]
    assert len(statuses) == 5, statuses  # stage 1 response, stage 2 adjudication, panel meeting, panel report, response
    assert all(s.startswith("Met") for s in statuses), statuses
    assert_accessible(browser)


def record(browser, server, area_radio, service, received=(2, 3, 2026)):
    browser.get(server + "/complaints/new")
    browser.find_element(By.ID, area_radio).click()
    for part, value in zip(("day", "month", "year"), received):
        browser.find_element(By.ID, f"received-{part}").send_keys(str(value))
    Select(browser.find_element(By.ID, "method")).select_by_visible_text("Email")
    Select(browser.find_element(By.ID, "relationship")).select_by_visible_text("Service user (adult)")
    browser.find_element(By.ID, "child-or-young-person-2").click()
    Select(browser.find_element(By.ID, "service-category")).select_by_value(service)
    browser.find_element(By.ID, "summary").send_keys("Concerns about how the service was arranged.")
    from test_pages import submit
    submit(browser)
    assert "Complaint recorded" in browser.page_source


def test_adults_complaint_from_acknowledgement_to_a_response_past_six_months(server, browser):
    record(browser, server, "service-area", "support-planning")
    take_step(browser, "record", dates={"record-date": (4, 3, 2026)}, radios=["record-milestone"])  # acknowledged
    take_step(browser, "extend", dates={"extend-to": (20, 4, 2026), "extend-agreed-on": (4, 3, 2026)}, selects={"extend-clock": "agreed-response"})
    take_step(browser, "extend", dates={"extend-to": (29, 5, 2026), "extend-agreed-on": (15, 4, 2026)}, selects={"extend-clock": "agreed-response"},
              texts={"extend-reason": "Waiting for the care provider's records"})
    take_step(browser, "record", dates={"record-date": (3, 9, 2026)}, radios=["record-milestone"])  # delay letter (the only step left)
    take_step(browser, "respond", dates={"respond-date": (20, 10, 2026)}, selects={"respond-outcome": "upheld"})
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Closed at investigation and response" in main
    assert "Letter sent: response delayed beyond the relevant period Thu 3 Sep 2026" in main
    assert "Response by the agreed date due Fri 29 May 2026, agreed Wed 15 Apr 2026: Waiting for the care provider's records" in main
    cells = browser.find_elements(By.XPATH, "//section[@class='app-stage']//table[.//th[text()='Deadline']]/tbody/tr")
    rows = {row.find_element(By.TAG_NAME, "th").text: row.find_elements(By.TAG_NAME, "td")[-1].text for row in cells}
    assert rows["Acknowledge and offer to discuss"].startswith("Met")
    assert rows["Six-month relevant period"].startswith("Responded late")  # relevant period ended Tue 1 Sep 2026
    assert rows["Response by the agreed date"].startswith("Responded late")
    assert_accessible(browser)


def test_corporate_complaint_through_both_stages(server, browser):
    record(browser, server, "service-area-3", "education")
    take_step(browser, "record", dates={"record-date": (4, 3, 2026)}, radios=["record-milestone"])
    assert "Wed 18 Mar 2026" in browser.find_element(By.TAG_NAME, "main").text  # 10 wd after acknowledgement
    take_step(browser, "respond", dates={"respond-date": (16, 3, 2026)}, selects={"respond-outcome": "not-upheld"})
    take_step(browser, "escalate", dates={"escalate-date": (30, 3, 2026)})
    take_step(browser, "record", dates={"record-date": (1, 4, 2026)}, radios=["record-milestone"])
    assert "Fri 1 May 2026" in browser.find_element(By.TAG_NAME, "main").text  # 20 wd after 1 Apr, over Easter
    take_step(browser, "respond", dates={"respond-date": (27, 4, 2026)}, selects={"respond-outcome": "partly-upheld"})
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Closed at stage 2" in main
    cells = browser.find_elements(By.XPATH, "//section[@class='app-stage']//table[.//th[text()='Deadline']]/tbody/tr/td[last()]")
    assert [c.text.split(" ")[0] for c in cells] == ["Met"] * 4
    assert_accessible(browser)

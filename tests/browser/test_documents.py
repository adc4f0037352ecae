"""The report's XLSX and DOCX open in LibreOffice, and its PDF — the committee report — is printed
by Chromium with a cover, contents whose page numbers are right, footers, and no empty rows."""
import glob
import os
import re
import subprocess
import tempfile
import zipfile

from conftest import _binary

YEAR = 2025  # the demo's last complete year on 1 December 2026 and after


def _text(pdf, first=None, last=None, layout=False):
    args = ["pdftotext"] + (["-layout"] if layout else [])
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(args + [pdf, "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _filled(pdf):
    """Each page's share of text-height rows (between the margins, above the footer) with any ink."""
    folder = tempfile.mkdtemp(prefix="redress-pages-")
    subprocess.run(["pdftoppm", "-gray", "-r", "30", pdf, folder + "/p"], check=True)
    shares = []
    for path in sorted(glob.glob(folder + "/p-*.pgm")):
        data = open(path, "rb").read()
        magic, width, height, _, pixels = data.split(maxsplit=4)
        width, height = int(width), int(height)
        pixels = pixels[-width * height:]
        top, bottom, left, right = int(height * 0.05), int(height * 0.93), int(width * 0.05), int(width * 0.95)
        inked = sum(1 for y in range(top, bottom) if min(pixels[y * width + left:y * width + right]) < 200)
        shares.append(inked / (bottom - top))
    return shares


def _squash(text):
    return re.sub(r"\s+", "", text)


def test_report_files_open_in_libreoffice_and_print_to_pdf():
    folder = tempfile.mkdtemp(prefix="redress-docs-")
    env = dict(os.environ)
    env.pop("REDRESS_DATABASE_URL", None)
    def redress(*args):
        done = subprocess.run([_binary(), *args, "--data-dir", folder], env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stderr
    redress("demo")
    for fmt in ["xlsx", "docx", "pdf"]:
        redress("report", "annual", "--year", str(YEAR), "--format", fmt, "--out", os.path.join(folder, f"report.{fmt}"))
    assert zipfile.ZipFile(os.path.join(folder, "report.xlsx")).testzip() is None
    for name in ["report.xlsx", "report.docx"]:
        out = os.path.join(folder, "converted-" + name.split(".")[1])
        done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", out, os.path.join(folder, name)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        pdf = os.path.join(out, "report.pdf")
        assert os.path.getsize(pdf) > 1000, f"{name} converted to an empty PDF"
        assert f"{YEAR}/{(YEAR + 1) % 100}" in _text(pdf), f"{name}: the title is not in the PDF"

    _check_committee(os.path.join(folder, "report.pdf"), "Chromium's PDF")
    _check_committee(os.path.join(folder, "converted-docx", "report.pdf"), "the DOCX in LibreOffice")

    # The quarterly report, in the same shape (no appendix: each table once, in its chapter).
    for fmt in ["docx", "pdf"]:
        redress("report", "quarterly", "--quarter", f"{YEAR}-Q3", "--format", fmt,
                "--out", os.path.join(folder, f"quarterly.{fmt}"))
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", os.path.join(folder, "q"),
                           os.path.join(folder, "quarterly.docx")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    _check_committee(os.path.join(folder, "quarterly.pdf"), "the quarterly PDF", kind=QUARTERLY)
    _check_committee(os.path.join(folder, "q", "quarterly.pdf"), "the quarterly DOCX in LibreOffice", kind=QUARTERLY)

    # Every chart in the DOCX names every one of its categories.
    with zipfile.ZipFile(os.path.join(folder, "report.docx")) as docx:
        charts = [name for name in docx.namelist() if name.startswith("word/charts/")]
        assert charts
        for name in charts:
            chart = docx.read(name).decode()
            cache = re.search(r"<c:cat>.*?<c:ptCount val=\"(\d+)\"/>(.*?)</c:strCache>", chart, re.S)
            assert cache and len(re.findall(r"<c:pt idx=", cache.group(2))) == int(cache.group(1)), name
            assert '<c:tickLblSkip val="1"/>' in chart, f"{name}: LibreOffice may skip labels"

    # LibreOffice draws every label of a chart: each category of the adults' "what complaints
    # were about" chart is printed as a line of its own with its share (the table's rows have a
    # count too).
    converted = os.path.join(folder, "converted-docx", "report.pdf")
    page = next(n for n in range(1, _pages(converted) + 1)
                if "Adult social care: what complaints were about" in _text(converted, n))
    lines = [re.split(r"\s{2,}", line.strip()) for line in _text(converted, page, layout=True).splitlines()]
    bars = {cells[0] for cells in lines if len(cells) == 2 and re.fullmatch(r"<?\d+%", cells[1])}
    rows = {cells[0] for cells in lines if len(cells) == 3 and re.fullmatch(r"<?\d+%", cells[2])}
    assert len(rows) >= 5 and rows <= bars, f"labels the chart does not show: {rows - bars}"


ANNUAL = dict(
    title=f"Annual complaints report {YEAR}/{(YEAR + 1) % 100}",
    first=["Introduction", "Executive summary", "Adult social care"], last="Appendix: data tables",
    intro="about the complaints")
QUARTERLY = dict(
    title=f"Quarterly performance report Q3 {YEAR}/{(YEAR + 1) % 100}",
    first=["Summary", "Trends by quarter", "Performance by service"], last="Due and overdue",
    intro="how Anyshire County Council dealt with complaints")


def _check_committee(pdf, what, committee="Corporate Governance Committee", kind=ANNUAL):
    """The committee report's checks, on Chromium's PDF and on LibreOffice's PDF of the DOCX."""
    pages = _pages(pdf)
    cover = _text(pdf, 1)
    assert "Anyshire County Council" in cover and _squash(kind["title"]) in _squash(cover), cover
    assert f"Report to the {committee}" in cover

    # The contents: each entry's page is the page its chapter's heading is printed on.
    contents = [re.match(r"^(\S.*?)(?:\s{2,}|\.{3,})(\d+)$", line.strip())
                for line in _text(pdf, 2, layout=True).splitlines()]
    entries = [(m.group(1), int(m.group(2))) for m in contents if m]
    titles = [title for title, _ in entries]
    assert titles[:3] == kind["first"], titles
    assert titles[-1] == kind["last"]
    starts = []
    for title, page in entries:
        assert 2 < page <= pages
        assert _squash(_text(pdf, page)).startswith(_squash(title)), f"{what}: {title} is not at the top of page {page}"
        starts.append(page)
    assert starts == sorted(starts)
    if kind is ANNUAL:
        appendix = dict(entries)["Appendix: data tables"]
        assert appendix - 1 <= 30, f"{what}: the main body is {appendix - 1} pages"

    # Footers, the narrative in each chapter, and no table row of all zeros.
    for page in range(2, pages + 1):
        assert f"Page {page} of {pages}" in _text(pdf, page), f"{what}: page {page} has no page number in its footer"
    body = _text(pdf, layout=True)
    assert _squash(f"This report tells the {committee} {kind['intro']}") in _squash(body)
    if kind is ANNUAL:
        assert _squash("Adult social care:") in _squash(_text(pdf, dict(entries)["Adult social care"]))
    def all_zero(line):
        # A chart's bar is its label and one share ("Not upheld  0%": none of 554 closed had
        # remedial action), so a lone share is a bar, not a table row.
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) < 2 or (len(cells) == 2 and cells[1].endswith("%")):
            return False
        return all(cell in {"0", "0%", "–", "£0.00", "£0"} for cell in cells[1:])
    rows = [line for line in body.splitlines() if all_zero(line)]
    assert not rows, f"{what}: rows of all zeros: {rows[:5]}"

    # No page less than a tenth filled, except the last page of a chapter (and of the document).
    last_pages = {start - 1 for start in starts} | {pages}
    for number, share in enumerate(_filled(pdf), start=1):
        assert share >= 0.10 or number in last_pages, f"{what}: page {number} is only {share:.0%} filled"


def test_the_codes_report_in_pdf_and_docx():
    """The Complaint Handling Code's report for the demo council: the self-assessment table, refusals by
    type and the governing body's response, in Chromium's PDF and in LibreOffice's PDF of the DOCX."""
    folder = tempfile.mkdtemp(prefix="redress-code-")
    env = dict(os.environ)
    env.pop("REDRESS_DATABASE_URL", None)
    def redress(*args):
        done = subprocess.run([_binary(), *args, "--data-dir", folder], env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stderr
    redress("demo")
    for fmt in ["docx", "pdf"]:
        redress("report", "code", "--year", str(YEAR), "--format", fmt, "--out", os.path.join(folder, f"code.{fmt}"))
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", os.path.join(folder, "c"),
                           os.path.join(folder, "code.docx")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for pdf, what in [(os.path.join(folder, "code.pdf"), "Chromium's PDF"),
                      (os.path.join(folder, "c", "code.pdf"), "the DOCX in LibreOffice")]:
        text = _squash(_text(pdf))
        for words in ["Complaints performance and service improvement report", "Self-assessment 2025/26",
                      "Part 5: Stage 1: respond", "Partly compliant", "Complaints not accepted, by reason",
                      "Out of time", "The governing body's response",
                      "once it has considered the report"]:
            assert _squash(words) in text, f"{what}: no '{words}'"
        pages = _pages(pdf)
        for page in range(2, pages + 1):
            assert f"Page {page} of {pages}" in _text(pdf, page), f"{what}: page {page} has no page number"

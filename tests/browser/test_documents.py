"""The report's XLSX and DOCX open in LibreOffice, and its PDF is printed by Chromium."""
import os
import subprocess
import tempfile
import zipfile

from conftest import _binary


def test_report_files_open_in_libreoffice_and_print_to_pdf():
    folder = tempfile.mkdtemp(prefix="redress-docs-")
    env = dict(os.environ)
    env.pop("REDRESS_DATABASE_URL", None)
    def redress(*args):
        done = subprocess.run([_binary(), *args, "--data-dir", folder], env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
    redress("demo")
    for fmt in ["xlsx", "docx", "pdf"]:
        redress("report", "annual", "--year", "2023", "--format", fmt, "--out", os.path.join(folder, f"report.{fmt}"))
    assert zipfile.ZipFile(os.path.join(folder, "report.xlsx")).testzip() is None
    for name in ["report.xlsx", "report.docx"]:
        out = os.path.join(folder, "converted-" + name.split(".")[1])
        done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", out, os.path.join(folder, name)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        pdf = os.path.join(out, "report.pdf")
        assert os.path.getsize(pdf) > 1000, f"{name} converted to an empty PDF"
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
        assert "2023/24" in text, f"{name}: the title is not in the PDF"
    printed = subprocess.run(["pdftotext", os.path.join(folder, "report.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "Annual complaints report 2023/24" in printed

"""Bad inputs through the pipeline's stages (no Prefect): each fails alone with a message a person can act on."""
import pytest

from kehoach.config import Settings
from kehoach.extractors.pdf_input import identify
from kehoach.pipeline import finish_document, plan_document, read_page
from tests.bad_inputs import make_bad_inputs



@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    return folder, make_bad_inputs(folder)


def read_document(path, settings):
    plan = plan_document(identify(path), settings)
    if plan.error:
        return plan.error, "failed"
    doc = finish_document(plan, [read_page(path, page, settings) for page in plan.pages], str(path))
    return doc.error, doc.status


def test_every_bad_input_fails_with_an_actionable_message(bad_folder):
    folder, cases = bad_folder
    for case in cases:
        message, status = read_document(folder / case.name, Settings())
        assert status == case.status, case.name
        assert case.message in message, (case.name, message)
        assert message.endswith((".", ")")) and len(message) > 30, message

import pytest

import pikepdf

from kehoach.extractors.text_layer import read_text_layers
from kehoach.extractors.widgets import with_widgets_drawn

pytestmark = pytest.mark.filterwarnings("ignore::pikepdf.PageCopyWarning")  # the fixtures keep widgets out of /AcroForm, as e-office files do


def signed_letter(path, widget_flags: int = 4) -> None:
    """A one-page letter whose number is left blank in the page's text and stamped by a signature widget, as
    e-office systems do (flag 4: printable)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    page = pdf.add_blank_page(page_size=(595, 842))
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 100 730 Td (So:) Tj 80 0 Td (/UBND-VX) Tj ET")
    appearance = pdf.make_stream(b"BT /F1 12 Tf 2 5 Td (507) Tj ET")
    appearance.Type, appearance.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
    appearance.BBox = [0, 0, 40, 20]
    appearance.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    widget = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Sig, T=pikepdf.String("Signature1"),
        Rect=[130, 725, 170, 745], F=widget_flags, AP=pikepdf.Dictionary(N=appearance)))
    page.Annots = pdf.make_indirect(pikepdf.Array([widget]))
    pdf.save(path)


def test_a_number_stamped_by_a_signature_widget_is_read_with_the_page_text(tmp_path):
    path = tmp_path / "signed.pdf"
    signed_letter(path)
    words = [word.text for word in read_text_layers(path, [1])[1].words]
    assert words == ["So:", "507", "/UBND-VX"]


def test_a_file_without_widgets_is_read_as_it_is(tmp_path):
    path = tmp_path / "plain.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(path)
    assert with_widgets_drawn(path) is None


def test_a_hidden_widget_is_not_drawn(tmp_path):
    path = tmp_path / "hidden.pdf"
    signed_letter(path, widget_flags=2)  # hidden, not printable
    assert [word.text for word in read_text_layers(path, [1])[1].words] == ["So:", "/UBND-VX"]

"""Digital signatures (chữ ký số) a PDF carries: who signed, when, and whether the signed bytes still match.

Takes a PDF path; gives one `Signature` per signature field, read with pyHanko: the signer's name from the
certificate, the signing time the signature reports, its reason and location, whether the bytes it covers still
hash to what was signed (`intact`), and how much of the file it covers. Documents from e-office systems are
signed by the office, the signer and the publishing centre in turn; an archivist sees who signed and whether the
file was changed after signing. Trust in the certificates is not judged: that needs the national root
certificates and revocation lists, which are fetched from the network, and nothing here goes there.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.generic_cms import validate_sig_integrity
from pyhanko.sign.validation.status import SignatureCoverageLevel

from kehoach.records import Signature

COVERS = {SignatureCoverageLevel.ENTIRE_FILE: "file", SignatureCoverageLevel.ENTIRE_REVISION: "revision"}


def _signer(embedded) -> str:
    certificate = embedded.signer_cert
    if certificate is None:
        return ""
    subject = certificate.subject.native
    return subject.get("common_name") or subject.get("organization_name") or ""


def _read(embedded) -> Signature:
    reported = embedded.self_reported_timestamp
    signature = Signature(
        field=str(embedded.field_name or ""), signer=str(_signer(embedded)),
        signed_at=reported.isoformat() if reported else "",
        reason=str(embedded.sig_object.get("/Reason", "") or ""),
        location=str(embedded.sig_object.get("/Location", "") or ""), intact=None, covers="")
    try:
        intact, _ = validate_sig_integrity(embedded.signer_info, embedded.signer_cert, expected_content_type="data",
                                           actual_digest=embedded.compute_digest())
        covers = COVERS.get(embedded.evaluate_signature_coverage(), "part")
    except (PdfError, ValueError, KeyError, TypeError):  # a malformed signature: recorded, not judged
        return signature
    return replace(signature, intact=bool(intact), covers=covers)


def read_signatures(path: Path) -> list[Signature]:
    try:
        with path.open("rb") as handle:
            return [_read(embedded) for embedded in PdfFileReader(handle, strict=False).embedded_signatures]
    except (PdfError, ValueError, KeyError, TypeError, OSError):
        return []  # a file pyHanko cannot parse carries no signature it could check; reading goes on


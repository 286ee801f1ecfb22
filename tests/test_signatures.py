import datetime
import io
import pickle

import pikepdf
from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from kehoach.extractors.signatures import read_signatures
from kehoach.records import Signature
from kehoach.writer import signature_summary


def self_signed(name: str) -> signers.SimpleSigner:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
                   .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=3650))
                   .sign(key, hashes.SHA256()))
    cert = asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
    private = asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return signers.SimpleSigner(signing_cert=cert, signing_key=private,
                                cert_registry=SimpleCertificateStore.from_certs([cert]))


def signed_pdf(signer_name: str) -> bytes:
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 100 700 Td (Ke hoach) Tj ET")
    plain = io.BytesIO()
    pdf.save(plain, compress_streams=False)
    plain.seek(0)
    out = io.BytesIO()
    signers.sign_pdf(IncrementalPdfFileWriter(plain), signers.PdfSignatureMetadata(
        field_name="Signature1", reason="Phê duyệt", location="Quảng Ngãi"), signer=self_signed(signer_name), output=out)
    return out.getvalue()


def test_a_signature_is_read_with_its_signer_time_reason_and_integrity(tmp_path):
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed_pdf("Ủy ban nhân dân tỉnh Quảng Ngãi"))
    [signature] = read_signatures(path)
    assert (signature.field, signature.signer, signature.reason, signature.location) == (
        "Signature1", "Ủy ban nhân dân tỉnh Quảng Ngãi", "Phê duyệt", "Quảng Ngãi")
    assert signature.signed_at[:4] >= "2025"
    assert (signature.intact, signature.covers) == (True, "file")


def test_a_file_changed_after_signing_is_told_apart(tmp_path):
    data = signed_pdf("Văn phòng UBND tỉnh")
    path = tmp_path / "changed.pdf"
    assert data.count(b"(Ke hoach)") == 1
    path.write_bytes(data.replace(b"(Ke hoach)", b"(Ke hoacX)"))  # same length: the byte ranges still line up
    [signature] = read_signatures(path)
    assert signature.intact is False
    assert "CHANGED after signing" in signature_summary([signature])


def test_an_unsigned_file_has_no_signatures(tmp_path):
    path = tmp_path / "plain.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(path)
    assert read_signatures(path) == []


def test_the_summary_names_each_signer_once_with_its_fields():
    one = Signature("S1", "UBND tỉnh", "2025-01-24T16:47:02+07:00", "", "", True, "revision")
    stamp = Signature("S5", "TRUNG TÂM CÔNG BÁO VÀ TIN HỌC", "2025-01-24T20:01:14+00:00", "", "", True, "file")
    assert signature_summary([one, one, stamp]) == (
        "UBND tỉnh 2025-01-24 ×2 (intact); TRUNG TÂM CÔNG BÁO VÀ TIN HỌC 2025-01-24 (intact)")


def test_signatures_are_plain_records_that_travel_between_processes(tmp_path):
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed_pdf("UBND tỉnh"))
    assert pickle.loads(pickle.dumps(read_signatures(path)))[0].field == "Signature1"

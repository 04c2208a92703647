"""Parsing and validating registry records: pure functions, no database."""

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue_sync.records import CertificateRecord, Rejected, dedupe, parse_record, sanitise

from .conftest import REGISTRY, feed_record

SAMPLE = Path("/work/shared/contracts/registry-feed-v1.sample.json")


def test_the_contract_sample_parses():
    page = json.loads(SAMPLE.read_text(encoding="utf-8")) if SAMPLE.exists() else None
    if page is None:
        pytest.skip("contract sample not available")
    first = parse_record(page["results"][0], registry=page["registry"])
    assert isinstance(first, CertificateRecord)
    assert first.certificate_no == "BN-2024-0153"
    assert first.stars == 4
    assert first.valid_until == date(2027, 7, 9)
    assert first.producer.address.province == "Tỉnh Bắc Giang"
    assert first.producer.email == ""
    assert first.registry == REGISTRY


def test_names_are_nfc_and_trimmed():
    nfd = unicodedata.normalize("NFD", "  Rượu làng Vân  ")
    record = parse_record(feed_record(1, product_name=nfd, producer={"name": nfd}))
    assert record.product_name == "Rượu làng Vân"
    assert unicodedata.is_normalized("NFC", record.product_name)
    assert record.producer.name == "Rượu làng Vân"


def _without(key):
    record = feed_record(1)
    del record[key]
    return record


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (feed_record(1, product_group="cosmetics"), "nhóm sản phẩm"),
        (feed_record(1, stars=2), "số sao"),
        (feed_record(1, stars=6), "số sao"),
        (feed_record(1, stars="4"), "số nguyên"),
        (feed_record(1, stars=True), "số nguyên"),
        (feed_record(1, valid_until="09/07/2027"), "ngày không đọc được"),
        (feed_record(1, decision_date="2024-02-30"), "ngày không đọc được"),
        (feed_record(1, valid_from="2025-01-01", valid_until="2024-12-31"), "trước ngày"),
        (_without("certificate_no"), "thiếu trường “certificate_no”"),
        (_without("producer"), "thiếu trường “producer”"),
        (feed_record(1, product_name=""), "trống"),
        (feed_record(1, product_name=42), "phải là chuỗi"),
        (feed_record(1, status="expired"), "trạng thái"),
        (feed_record(1, issued_by="commune"), "cấp công nhận"),
        (feed_record(1, score=140), "điểm"),
        (feed_record(1, producer="HTX"), "producer"),
        (feed_record(1, producer={"legal_form": "sole_trader"}), "loại hình"),
        (feed_record(1, updated_at="yesterday"), "updated_at"),
        (feed_record(1, product_name="Chè\x00"), "NUL"),
        (feed_record(1, certificate_no="X" * 65), "dài quá"),
        ([1, 2, 3], "đối tượng JSON"),
    ],
)
def test_bad_records_are_rejected_with_a_reason(raw, words):
    result = parse_record(raw)
    assert isinstance(result, Rejected)
    assert words in result.reason
    json.dumps(result.record)  # the bad record can be stored as it came


def test_rejection_keeps_the_certificate_number():
    result = parse_record(feed_record(7, stars=1))
    assert result.certificate_no == "BN-2025-00007"


def test_content_hash_ignores_updated_at_but_not_content():
    a = parse_record(feed_record(1))
    b = parse_record(feed_record(1, updated_at="2027-01-01T00:00:00+07:00"))
    c = parse_record(feed_record(1, stars=5))
    assert a.content_hash == b.content_hash
    assert a.content_hash != c.content_hash
    assert parse_record(feed_record(1), registry=REGISTRY).content_hash != a.content_hash


def test_dedupe_same_number_twice():
    same = [parse_record(feed_record(1)), parse_record(feed_record(1))]
    records, rejected = dedupe(same)
    assert len(records) == 1 and rejected == []

    different = [parse_record(feed_record(1)), parse_record(feed_record(1, stars=5))]
    records, rejected = dedupe([*different, parse_record(feed_record(2))])
    assert [r.certificate_no for r in records] == ["BN-2025-00002"]
    assert len(rejected) == 2
    assert all("xuất hiện 2 lần" in r.reason for r in rejected)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=20,
)
keys = st.sampled_from(list(feed_record(1)))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(raw=json_values)
def test_arbitrary_json_never_raises(raw):
    result = parse_record(raw)
    assert isinstance(result, CertificateRecord | Rejected)
    if isinstance(result, Rejected):
        assert result.reason


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(key=keys, value=json_values)
def test_a_valid_record_with_one_field_replaced_never_raises(key, value):
    raw = feed_record(3)
    raw[key] = value
    result = parse_record(raw)
    assert isinstance(result, CertificateRecord | Rejected)
    if isinstance(result, Rejected):
        assert result.reason
        json.dumps(result.record, allow_nan=False)  # storable in PostgreSQL jsonb
        assert "\x00" not in json.dumps(result.record)
    else:
        assert result.stars in (3, 4, 5)
        assert result.valid_from <= result.valid_until


def test_sanitise_makes_any_value_storable():
    value = {"a\x00": ["\ud800", float("nan"), 1.5, {"b": object()}]}
    cleaned = sanitise(value)
    text = json.dumps(cleaned, allow_nan=False)
    assert "\\u0000" not in text

"""Parse and validate registry records: pure functions over dicts, no database.

``parse_record`` turns one raw certificate (feed v1, see docs/registry-feed-v1.md) into a
``CertificateRecord`` or a ``Rejected`` with the reason in plain words. It never raises,
whatever JSON it is given. ``dedupe`` settles records that appear twice in one run.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from shop.ocop.models import CertificateStatus, IssuedBy, ProductGroup
from shop.partner.models import LegalForm
from shop.text import nfc

GROUPS = frozenset(ProductGroup.values)
ISSUERS = frozenset(IssuedBy.values)
STATUSES = frozenset(CertificateStatus.values)
LEGAL_FORMS = frozenset(LegalForm.values)


@dataclass(frozen=True)
class Address:
    street: str = ""
    commune: str = ""
    district: str = ""
    province: str = ""


@dataclass(frozen=True)
class ProducerRecord:
    code: str
    name: str
    legal_form: str
    tax_code: str
    representative: str
    phone: str
    email: str
    address: Address


@dataclass(frozen=True)
class CertificateRecord:
    certificate_no: str
    product_code: str
    product_name: str
    product_group: str
    product_subgroup: str
    stars: int
    score: int | None
    issued_by: str
    decision_no: str
    decision_date: date
    valid_from: date
    valid_until: date
    status: str
    status_changed_on: date | None
    status_reason: str
    producer: ProducerRecord
    updated_at: datetime
    # The record as understood (NFC, trimmed, ISO dates), stored on Certificate.raw.
    raw: dict = field(compare=False, repr=False)
    # sha256 of ``raw`` and ``registry`` without ``updated_at``: equal means nothing to apply.
    content_hash: str = field(compare=False)
    # The page's registry (authority, province_code).
    registry: dict = field(compare=False, repr=False, default_factory=dict)


@dataclass(frozen=True)
class Rejected:
    certificate_no: str
    reason: str
    record: Any = field(compare=False, repr=False, default=None)


class _Invalid(Exception):
    pass


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# Column sizes on Certificate / Partner: longer values would fail the whole transaction.
_MAX = {
    "certificate_no": 64,
    "product_code": 64,
    "product_name": 255,
    "product_subgroup": 64,
    "decision_no": 64,
    "producer_code": 64,
    "name": 128,
    "tax_code": 20,
    "representative": 255,
    "phone": 64,
    "email": 254,
    "street": 255,
    "commune": 255,
    "district": 255,
    "province": 255,
}


def _clean_text(value: str, key: str) -> str:
    text = nfc(value)
    if "\x00" in text:
        raise _Invalid(f"trường “{key}” chứa ký tự NUL")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _Invalid(f"trường “{key}” không phải văn bản UTF-8 hợp lệ") from exc
    limit = _MAX.get(key)
    if limit and len(text) > limit:
        raise _Invalid(f"trường “{key}” dài quá {limit} ký tự")
    return text


def _text(data: dict, key: str, *, required: bool = True) -> str:
    if key not in data:
        if required:
            raise _Invalid(f"thiếu trường “{key}”")
        return ""
    value = data[key]
    if value is None:
        if required:
            raise _Invalid(f"trường “{key}” trống")
        return ""
    if not isinstance(value, str):
        raise _Invalid(f"trường “{key}” phải là chuỗi, nhận được {type(value).__name__}")
    text = _clean_text(value, key)
    if required and not text:
        raise _Invalid(f"trường “{key}” trống")
    return text


def _choice(data: dict, key: str, allowed: frozenset[str], label: str) -> str:
    value = _text(data, key).lower()
    if value not in allowed:
        raise _Invalid(f"{label} không hợp lệ: “{value}”")
    return value


def _int(data: dict, key: str, *, required: bool = True) -> int | None:
    if key not in data:
        if required:
            raise _Invalid(f"thiếu trường “{key}”")
        return None
    value = data[key]
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"trường “{key}” phải là số nguyên, nhận được {type(value).__name__}")
    return value


def _date(data: dict, key: str, *, required: bool = True) -> date | None:
    if key not in data:
        if required:
            raise _Invalid(f"thiếu trường “{key}”")
        return None
    value = data[key]
    if value is None:
        if required:
            raise _Invalid(f"trường “{key}” trống")
        return None
    if not isinstance(value, str):
        raise _Invalid(f"trường “{key}” phải là ngày dạng YYYY-MM-DD")
    text = value.strip()
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise _Invalid(f"ngày không đọc được ở trường “{key}”: “{sanitise(value[:40])}”") from exc


def _datetime(data: dict, key: str) -> datetime:
    if key not in data:
        raise _Invalid(f"thiếu trường “{key}”")
    value = data[key]
    if not isinstance(value, str):
        raise _Invalid(f"trường “{key}” phải là thời điểm ISO 8601")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise _Invalid(f"thời điểm không đọc được ở trường “{key}”: “{value[:40]}”") from exc
    if moment.tzinfo is None:
        raise _Invalid(f"trường “{key}” thiếu múi giờ")
    return moment.astimezone(UTC)


def _producer(value: Any) -> ProducerRecord:
    if not isinstance(value, dict):
        raise _Invalid("trường “producer” phải là một đối tượng")
    address = value.get("address")
    if address is None:
        address = {}
    if not isinstance(address, dict):
        raise _Invalid("trường “producer.address” phải là một đối tượng")
    legal_form = _text(value, "legal_form", required=False).lower()
    if legal_form and legal_form not in LEGAL_FORMS:
        raise _Invalid(f"loại hình chủ thể không hợp lệ: “{legal_form}”")
    return ProducerRecord(
        code=_text(value, "producer_code"),
        name=_text(value, "name"),
        legal_form=legal_form,
        tax_code=_text(value, "tax_code", required=False),
        representative=_text(value, "representative", required=False),
        phone=_text(value, "phone", required=False),
        email=_text(value, "email", required=False),
        address=Address(
            street=_text(address, "street", required=False),
            commune=_text(address, "commune", required=False),
            district=_text(address, "district", required=False),
            province=_text(address, "province", required=False),
        ),
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _canonical(record: dict) -> dict:
    producer: ProducerRecord = record["producer"]
    return {
        **{k: v for k, v in record.items() if k != "producer"},
        "decision_date": _iso(record["decision_date"]),
        "valid_from": _iso(record["valid_from"]),
        "valid_until": _iso(record["valid_until"]),
        "status_changed_on": _iso(record["status_changed_on"]),
        "updated_at": record["updated_at"].isoformat(),
        "producer": {
            "producer_code": producer.code,
            "name": producer.name,
            "legal_form": producer.legal_form,
            "tax_code": producer.tax_code,
            "representative": producer.representative,
            "phone": producer.phone,
            "email": producer.email,
            "address": {
                "street": producer.address.street,
                "commune": producer.address.commune,
                "district": producer.address.district,
                "province": producer.address.province,
            },
        },
    }


def content_hash(raw: dict, *, registry: dict | None = None) -> str:
    """sha256 over everything the shop stores, except the registry's ``updated_at``."""
    payload = {k: v for k, v in raw.items() if k != "updated_at"}
    if registry:
        payload["registry"] = registry
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def certificate_no_of(raw: Any) -> str:
    """The key of a raw record, as well as it can be read (for quarantine rows)."""
    if isinstance(raw, dict) and isinstance(raw.get("certificate_no"), str):
        return sanitise(nfc(raw["certificate_no"]))[:255]
    return ""


def parse_record(raw: Any, *, registry: dict | None = None) -> CertificateRecord | Rejected:
    """One raw feed record → a typed record, or the reason it cannot be applied."""
    try:
        return _parse(raw, registry=registry)
    except _Invalid as exc:
        return Rejected(certificate_no_of(raw), sanitise(str(exc)), sanitise(raw))
    except (TypeError, ValueError, AttributeError, OverflowError, RecursionError) as exc:
        return Rejected(
            certificate_no_of(raw), sanitise(f"bản ghi không hợp lệ: {exc}"), sanitise(raw)
        )


def _parse(raw: Any, *, registry: dict | None) -> CertificateRecord:
    if not isinstance(raw, dict):
        raise _Invalid(f"bản ghi phải là một đối tượng JSON, nhận được {type(raw).__name__}")
    group = _text(raw, "product_group").lower()
    if group not in GROUPS:
        raise _Invalid(f"nhóm sản phẩm không xác định: “{group}”")
    stars = _int(raw, "stars")
    if stars not in (3, 4, 5):
        raise _Invalid(f"số sao phải là 3, 4 hoặc 5, nhận được {stars}")
    score = _int(raw, "score", required=False)
    if score is not None and not 0 <= score <= 100:
        raise _Invalid(f"điểm phải trong khoảng 0–100, nhận được {score}")
    if "producer" not in raw:
        raise _Invalid("thiếu trường “producer”")
    fields = {
        "certificate_no": _text(raw, "certificate_no"),
        "product_code": _text(raw, "product_code"),
        "product_name": _text(raw, "product_name"),
        "product_group": group,
        "product_subgroup": _text(raw, "product_subgroup", required=False).lower(),
        "stars": stars,
        "score": score,
        "issued_by": _choice(raw, "issued_by", ISSUERS, "cấp công nhận"),
        "decision_no": _text(raw, "decision_no"),
        "decision_date": _date(raw, "decision_date"),
        "valid_from": _date(raw, "valid_from"),
        "valid_until": _date(raw, "valid_until"),
        "status": _choice(raw, "status", STATUSES, "trạng thái"),
        "status_changed_on": _date(raw, "status_changed_on", required=False),
        "status_reason": _text(raw, "status_reason", required=False),
        "producer": _producer(raw["producer"]),
        "updated_at": _datetime(raw, "updated_at"),
    }
    if fields["valid_until"] < fields["valid_from"]:
        raise _Invalid(
            f"ngày hết hiệu lực {fields['valid_until']:%d/%m/%Y} trước ngày có hiệu lực "
            f"{fields['valid_from']:%d/%m/%Y}"
        )
    canonical = _canonical(fields)
    registry = {
        "authority": str((registry or {}).get("authority") or ""),
        "province_code": str((registry or {}).get("province_code") or ""),
    }
    return CertificateRecord(
        **fields,
        raw=canonical,
        content_hash=content_hash(canonical, registry=registry),
        registry=registry,
    )


def dedupe(
    items: Iterable[CertificateRecord | Rejected],
) -> tuple[list[CertificateRecord], list[Rejected]]:
    """Split parsed items into records to apply and rejections.

    A certificate sent twice with the same content counts once; sent twice with different
    content, neither copy is trusted: every copy is quarantined.
    """
    by_no: dict[str, list[CertificateRecord]] = {}
    rejected: list[Rejected] = []
    for item in items:
        if isinstance(item, Rejected):
            rejected.append(item)
        else:
            by_no.setdefault(item.certificate_no, []).append(item)
    records: list[CertificateRecord] = []
    for number, copies in by_no.items():
        if len({c.content_hash for c in copies}) == 1:
            records.append(copies[0])
            continue
        reason = (
            f"số chứng nhận {number} xuất hiện {len(copies)} lần trong cùng một lần đồng bộ "
            "với nội dung khác nhau"
        )
        rejected.extend(Rejected(number, reason, c.raw) for c in copies)
    return records, rejected


def sanitise(value: Any, _depth: int = 0) -> Any:
    """A copy of ``value`` that PostgreSQL's jsonb accepts (no NUL, no lone surrogates,
    no NaN), for storing a bad record as it came."""
    if _depth > 50:
        return None
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd").encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {sanitise(str(k), _depth + 1): sanitise(v, _depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [sanitise(v, _depth + 1) for v in value]
    if value is None or isinstance(value, bool | int):
        return value
    return sanitise(str(value), _depth + 1)

"""Write parsed registry records to the shop, in one transaction: all or nothing.

Field ownership: the registry owns the certified name, group, stars, the certificate and
the producer's identity; producers own price, stock, description, photos and publication.
This module writes only the former. Every query is a bulk query over chunks: the number of
statements grows with the number of chunks, never with the number of records.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from oscar.core.loading import get_model

from shop.ocop.models import Certificate, CertificateEvent, CertificateStatus, ProductGroup
from shop.ocop.rules import sellable_products
from shop.text import slugify

from . import bulk
from .records import CertificateRecord, ProducerRecord

try:  # written in parallel by another engineer; the sync must not depend on its arrival
    from shop.addresses import normalise_address
except ImportError:  # pragma: no cover
    normalise_address = None

logger = logging.getLogger(__name__)

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

PRODUCT_CLASS_SLUG = "ocop"
PRODUCT_CLASS_NAME = "Sản phẩm OCOP"
STARS_ATTRIBUTE = "ocop_stars"
CERTIFICATE_ATTRIBUTE = "ocop_certificate_no"
CATEGORY_CODE_PREFIX = "ocop-"  # Category.code of the six OCOP groups: ocop-food, ...

COUNT_KEYS = (
    "created",
    "updated",
    "unchanged",
    "renewed",
    "expired",
    "revoked",
    "suspended",
    "quarantined",
    "delisted",
    "relisted",
)

# Certificate columns the registry writes (besides product/producer links and bookkeeping).
CERTIFICATE_FIELDS = (
    "product_code",
    "product_name",
    "product_group",
    "product_subgroup",
    "stars",
    "score",
    "issued_by",
    "decision_no",
    "decision_date",
    "valid_from",
    "valid_until",
    "status",
    "status_changed_on",
    "status_reason",
)
PRODUCER_IDENTITY = ("name", "legal_form", "tax_code", "representative")
PRINTED_ADDRESS = ("address_street", "address_commune", "address_district", "address_province")
TODAY_UNITS = ("province_code", "province_name", "ward_code", "ward_name")


class ApplyAborted(Exception):
    """The run must not be applied; the transaction was rolled back."""


class MassDelisting(ApplyAborted):
    def __init__(self, message: str, counts: dict[str, int]):
        super().__init__(message)
        self.counts = counts


class _DryRun(Exception):
    pass


@dataclass
class ApplyResult:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    product_ids: set[int] = field(default_factory=set)
    delisted_ids: set[int] = field(default_factory=set)
    relisted_ids: set[int] = field(default_factory=set)


def chunks(items: Sequence[Any], size: int | None = None) -> Iterator[Sequence[Any]]:
    size = size or (900 if connection.vendor == "sqlite" else 5000)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _in_chunks(queryset, lookup: str, values: Iterable[Any]) -> Iterator[Any]:
    values = list(values)
    for part in chunks(values):
        yield from queryset.filter(**{f"{lookup}__in": part})


@lru_cache(maxsize=20_000)
def _today_units(commune: str, district: str, province: str) -> tuple[str, str, str, str]:
    if normalise_address is None:
        return ("", "", "", "")
    place = normalise_address(street="", commune=commune, district=district, province=province)
    return (place.province_code, place.province_name, place.ward_code, place.ward_name)


# --- reference data -----------------------------------------------------------------


@dataclass
class Reference:
    product_class: Any
    stars_attribute: Any
    certificate_attribute: Any
    categories: dict[str, int]  # group -> Category id

    @property
    def category_ids(self) -> set[int]:
        return set(self.categories.values())


def ensure_reference_data() -> Reference:
    """The “Sản phẩm OCOP” product class, its two attributes and the six group categories."""
    product_class, _ = ProductClass.objects.get_or_create(
        slug=PRODUCT_CLASS_SLUG,
        defaults={"name": PRODUCT_CLASS_NAME, "track_stock": True, "requires_shipping": True},
    )
    stars, _ = ProductAttribute.objects.get_or_create(
        product_class=product_class,
        code=STARS_ATTRIBUTE,
        defaults={"name": "Số sao OCOP", "type": ProductAttribute.INTEGER},
    )
    certificate_no, _ = ProductAttribute.objects.get_or_create(
        product_class=product_class,
        code=CERTIFICATE_ATTRIBUTE,
        defaults={"name": "Số chứng nhận OCOP", "type": ProductAttribute.TEXT},
    )
    categories = {}
    for group, label in ProductGroup.choices:
        code = f"{CATEGORY_CODE_PREFIX}{group}"
        category = (
            Category.objects.filter(code=code).first()
            or Category.objects.filter(depth=1, name=str(label)).first()
        )
        if category is None:
            category = Category.add_root(name=str(label), code=code, slug=slugify(str(label)))
        elif not category.code:
            Category.objects.filter(pk=category.pk).update(code=code)
        categories[group] = category.pk
    return Reference(product_class, stars, certificate_no, categories)


# --- the run ------------------------------------------------------------------------


def sellable_ids(*, on: date) -> set[int]:
    return set(sellable_products(on=on).values_list("pk", flat=True))


def apply_records(
    records: Sequence[CertificateRecord],
    *,
    run_id: int | None,
    on: date,
    now: datetime,
    previous_run_day: date | None,
    force: bool = False,
    dry_run: bool = False,
    max_delist_share: float | None = None,
) -> ApplyResult:
    """Apply ``records`` atomically. Raises MassDelisting (nothing written) when the run would
    take too many sellable products off sale and ``force`` is not set; with ``dry_run``
    everything is computed and rolled back."""
    share = settings.REGISTRY_MAX_DELIST_SHARE if max_delist_share is None else max_delist_share
    try:
        with transaction.atomic():
            result = _apply(
                records, run_id=run_id, on=on, now=now, previous_run_day=previous_run_day
            )
            before_count = result.counts.pop("_sellable_before")
            delisted = result.counts["delisted"]
            if not force and before_count and delisted > share * before_count:
                raise MassDelisting(
                    f"Lần đồng bộ này sẽ gỡ {delisted}/{before_count} sản phẩm đang bán "
                    f"({delisted / before_count:.0%}, ngưỡng {share:.0%}). Không thay đổi gì; "
                    "kiểm tra nguồn dữ liệu rồi chạy lại với --force nếu đúng là như vậy.",
                    result.counts,
                )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


def _apply(
    records: Sequence[CertificateRecord],
    *,
    run_id: int | None,
    on: date,
    now: datetime,
    previous_run_day: date | None,
) -> ApplyResult:
    result = ApplyResult()
    counts = result.counts
    lap = _Laps()
    before = sellable_ids(on=on)
    ref = ensure_reference_data()

    lap("sellable before")
    # 1. What the shop already knows.
    # Plain rows, not model instances: most certificates are unchanged on a normal night.
    existing: dict[str, dict[str, Any]] = {
        row["certificate_no"]: row
        for row in _in_chunks(
            Certificate.objects.values(
                "pk", "certificate_no", "content_hash", "product_id", *CERTIFICATE_FIELDS
            ),
            "certificate_no",
            [r.certificate_no for r in records],
        )
    }
    product_by_code: dict[str, tuple[date, int, int]] = {}  # code -> (valid_until, pk, product)
    codes = {r.product_code for r in records}
    for row in _in_chunks(
        Certificate.objects.filter(product__isnull=False).values_list(
            "product_code", "valid_until", "pk", "product_id"
        ),
        "product_code",
        codes,
    ):
        code, valid_until, pk, product_id = row
        if code not in product_by_code or (valid_until, pk) > product_by_code[code][:2]:
            product_by_code[code] = (valid_until, pk, product_id)

    lap("load existing")
    # 2. Producers.
    producer_ids = _sync_producers(records, now=now)

    lap("producers")
    # 3. Certificates: classify.
    to_create: list[tuple[CertificateRecord, Certificate]] = []
    to_update: list[Certificate] = []
    unchanged_pks: list[int] = []
    events: list[tuple[Certificate, str, date, str]] = []
    new_products: dict[str, Any] = {}  # product_code -> unsaved Product
    touched_certs: list[Certificate] = []

    for record in records:
        row = existing.get(record.certificate_no)
        producer_id = producer_ids[record.producer.code]
        if row is not None and row["content_hash"] == record.content_hash and row["product_id"]:
            unchanged_pks.append(row["pk"])
            counts["unchanged"] += 1
            continue
        if row is None:
            cert = Certificate(certificate_no=record.certificate_no, created_at=now)
            _fill(cert, record, producer_id=producer_id, now=now)
            known = product_by_code.get(record.product_code)
            if known:
                cert.product_id = known[2]
                counts["renewed"] += 1
                events.append((cert, CertificateEvent.Kind.RENEWED, on, ""))
            else:
                counts["created"] += 1
                events.append((cert, CertificateEvent.Kind.RECORDED, on, ""))
            to_create.append((record, cert))
        else:
            cert = Certificate(id=row["pk"], product_id=row["product_id"])
            old_status = row["status"]
            changed = [name for name in CERTIFICATE_FIELDS if row[name] != _value(record, name)]
            _fill(cert, record, producer_id=producer_id, now=now)
            counts["updated"] += 1
            events.extend(_status_events(cert, old_status, record, on=on, counts=counts))
            other = [n for n in changed if n not in ("status", "status_changed_on")]
            if other or not changed:
                events.append((cert, CertificateEvent.Kind.UPDATED, on, _changes(other)))
            to_update.append(cert)
            if cert.product_id is None:
                cert.product_id = (product_by_code.get(record.product_code) or (0, 0, None))[2]
        if cert.product_id is None:
            product = new_products.get(record.product_code)
            if product is None:
                product = Product(
                    title=record.product_name,
                    slug=slugify(record.product_name)[:255] or "san-pham-ocop",
                    product_class=ref.product_class,
                    structure=Product.STANDALONE,
                    is_public=False,
                )
                new_products[record.product_code] = product
        touched_certs.append(cert)

    lap("classify")
    # 4. Write: new products, then certificates.
    if new_products:
        bulk.insert(Product, list(new_products.values()))
        for code, product in new_products.items():
            product_by_code[code] = (date.min, 0, product.pk)
    for cert in touched_certs:
        if cert.product_id is None:
            cert.product_id = new_products[cert.product_code].pk
    if to_create:
        bulk.insert(Certificate, [c for _, c in to_create])
    if to_update:
        bulk.update(
            Certificate,
            to_update,
            [
                *CERTIFICATE_FIELDS,
                "product",
                "producer",
                "registry_authority",
                "registry_province_code",
                "registry_updated_at",
                "last_checked_at",
                "raw",
                "content_hash",
                "updated_at",
            ],
            batch_size=500,
        )
    for part in chunks(unchanged_pks):
        Certificate.objects.filter(pk__in=part).update(last_checked_at=now)

    lap("write certificates")
    # 5. The products the touched certificates speak for: registry-owned fields only.
    touched_products = {c.product_id for c in touched_certs}
    _sync_products(touched_products, ref=ref, new_product_ids={p.pk for p in new_products.values()})
    lap("products")
    _ensure_stockrecords(touched_certs)

    lap("stock records")
    # 6. Certificates whose last valid day passed since the previous run.
    expired = _expire(on=on, since=previous_run_day, skip={c.pk for _, c in to_create})
    counts["expired"] = len(expired)
    for cert in expired:
        events.append(
            (cert, CertificateEvent.Kind.EXPIRED, cert.valid_until + timedelta(days=1), "")
        )
        touched_products.add(cert.product_id)

    bulk.insert_values(
        CertificateEvent,
        [
            {
                "certificate_id": cert.pk,
                "kind": kind,
                "on": day,
                "reason": reason,
                "sync_run_id": run_id,
                "recorded_at": now,
            }
            for cert, kind, day, reason in events
        ],
    )

    lap("expiry and events")
    # 7. What changed for customers.
    after = sellable_ids(on=on)
    result.delisted_ids = before - after
    result.relisted_ids = after - before
    counts["delisted"] = len(result.delisted_ids)
    counts["relisted"] = len(result.relisted_ids)
    result.product_ids = {pk for pk in touched_products if pk} | result.delisted_ids
    result.product_ids |= result.relisted_ids
    counts["_sellable_before"] = len(before)
    lap("sellable after")
    return result


class _Laps:
    """Debug timing of each step (logger catalogue_sync.apply at DEBUG)."""

    def __init__(self) -> None:
        self.last = time.perf_counter()

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        logger.debug("apply: %-20s %6.2f s", step, now - self.last)
        self.last = now


def _changes(names: Sequence[str]) -> str:
    """What changed, in the words of the certificate's own field labels."""
    if not names:
        return "Thay đổi thông tin chủ thể hoặc cơ quan công nhận"
    labels = [str(Certificate._meta.get_field(name).verbose_name) for name in names]
    return "Thay đổi: " + ", ".join(labels)


def _value(record: CertificateRecord, name: str) -> Any:
    value = getattr(record, name)
    if name in ("score",):
        return value
    return "" if value is None and name == "status_reason" else value


def _fill(cert: Certificate, record: CertificateRecord, *, producer_id: int, now: datetime) -> None:
    for name in CERTIFICATE_FIELDS:
        setattr(cert, name, _value(record, name))
    cert.producer_id = producer_id
    cert.registry_authority = record.registry["authority"][:255]
    cert.registry_province_code = record.registry["province_code"][:8]
    cert.registry_updated_at = record.updated_at
    cert.last_checked_at = now
    cert.raw = record.raw
    cert.content_hash = record.content_hash
    cert.updated_at = now


def _status_events(
    cert: Certificate, old_status: str, record: CertificateRecord, *, on: date, counts: dict
) -> list[tuple[Certificate, str, date, str]]:
    if record.status == old_status:
        return []
    day = record.status_changed_on or on
    reason = record.status_reason
    if record.status == CertificateStatus.SUSPENDED:
        counts["suspended"] += 1
        return [(cert, CertificateEvent.Kind.SUSPENDED, day, reason)]
    if record.status == CertificateStatus.REVOKED:
        counts["revoked"] += 1
        return [(cert, CertificateEvent.Kind.REVOKED, day, reason)]
    return [(cert, CertificateEvent.Kind.REINSTATED, day, reason)]


def _expire(*, on: date, since: date | None, skip: set[int]) -> list[Certificate]:
    already = CertificateEvent.objects.filter(
        certificate_id=OuterRef("pk"), kind=CertificateEvent.Kind.EXPIRED
    )
    queryset = Certificate.objects.filter(
        status=CertificateStatus.ACTIVE, valid_until__lt=on
    ).exclude(Exists(already))
    if since is not None:
        queryset = queryset.filter(valid_until__gte=since)
    return [c for c in queryset.only("pk", "product_id", "valid_until") if c.pk not in skip]


# --- producers ----------------------------------------------------------------------


def _producer_values(producer: ProducerRecord) -> dict[str, str]:
    address = producer.address
    return {
        "name": producer.name,
        "legal_form": producer.legal_form,
        "tax_code": producer.tax_code,
        "representative": producer.representative,
        "address_street": address.street,
        "address_commune": address.commune,
        "address_district": address.district,
        "address_province": address.province,
    }


def _sync_producers(records: Sequence[CertificateRecord], *, now: datetime) -> dict[str, int]:
    """Create or update the Partner of every producer; returns registry_code -> Partner id."""
    latest: dict[str, CertificateRecord] = {}
    for record in records:
        code = record.producer.code
        if code not in latest or record.updated_at > latest[code].updated_at:
            latest[code] = record
    partners = {
        p.registry_code: p for p in _in_chunks(Partner.objects.all(), "registry_code", latest)
    }
    taken_codes: set[str] | None = None
    to_create, to_update = [], []
    for code, record in latest.items():
        producer = record.producer
        values = _producer_values(producer)
        partner = partners.get(code)
        if partner is None:
            if taken_codes is None:
                taken_codes = set(Partner.objects.values_list("code", flat=True))
            partner = Partner(registry_code=code, code=_unique_code(code, taken_codes), **values)
            partner.phone = producer.phone
            partner.email = producer.email
            _set_today_units(partner, force=True)
            partner.registry_synced_at = now
            to_create.append(partner)
            continue
        printed_changed = any(getattr(partner, k) != values[k] for k in PRINTED_ADDRESS)
        changed = printed_changed or any(
            getattr(partner, k) != values[k] for k in PRODUCER_IDENTITY
        )
        for key, value in values.items():
            setattr(partner, key, value)
        for key in ("phone", "email"):  # contact details: the producer's own edits win
            if not getattr(partner, key) and getattr(producer, key):
                setattr(partner, key, getattr(producer, key))
                changed = True
        if printed_changed or not partner.province_code:
            changed = _set_today_units(partner, force=False) or changed
        if changed:
            to_update.append(partner)
    if to_create:
        bulk.insert(Partner, to_create)
        partners.update({p.registry_code: p for p in to_create})
    if to_update:
        bulk.update(
            Partner,
            to_update,
            [*PRODUCER_IDENTITY, *PRINTED_ADDRESS, *TODAY_UNITS, "phone", "email"],
            batch_size=500,
        )
    seen = [p.pk for p in partners.values()]
    for part in chunks(seen):
        Partner.objects.filter(pk__in=part).update(registry_synced_at=now)
    return {code: partner.pk for code, partner in partners.items()}


def _unique_code(registry_code: str, taken: set[str]) -> str:
    base = slugify(registry_code)[:120] or "chu-the"
    code, number = base, 2
    while code in taken:
        code = f"{base}-{number}"
        number += 1
    taken.add(code)
    return code


def _set_today_units(partner, *, force: bool) -> bool:
    units = _today_units(
        partner.address_commune, partner.address_district, partner.address_province
    )
    if not any(units) and not force:
        return False  # unknown place: keep what staff may have set by hand
    changed = False
    for key, value in zip(TODAY_UNITS, units, strict=True):
        if getattr(partner, key) != value:
            setattr(partner, key, value)
            changed = True
    return changed


# --- products -----------------------------------------------------------------------


def _sync_products(product_ids: set[int], *, ref: Reference, new_product_ids: set[int]) -> None:
    """Title, group category and the two OCOP attributes from each product's latest
    certificate. Price, stock, description, photos and ``is_public`` are never touched."""
    if not product_ids:
        return
    speaker: dict[int, tuple] = {}
    for row in _in_chunks(
        Certificate.objects.values_list(
            "product_id",
            "valid_until",
            "pk",
            "product_name",
            "product_group",
            "stars",
            "certificate_no",
        ),
        "product_id",
        product_ids,
    ):
        if row[0] not in speaker or row[1:3] > speaker[row[0]][1:3]:
            speaker[row[0]] = row

    # Titles (new products already carry theirs).
    retitled = []
    for product in _in_chunks(
        Product.objects.only("pk", "title"), "pk", product_ids - new_product_ids
    ):
        title = speaker[product.pk][3]
        if product.title != title:
            product.title = title
            retitled.append(product)
    if retitled:
        bulk.update(Product, retitled, ["title", "date_updated"])

    # Category: exactly one of the six OCOP group categories; other categories are kept.
    ocop_categories = ref.category_ids
    current: dict[int, set[int]] = {}
    for product_id, category_id in _in_chunks(
        ProductCategory.objects.filter(category_id__in=ocop_categories).values_list(
            "product_id", "category_id"
        ),
        "product_id",
        product_ids,
    ):
        current.setdefault(product_id, set()).add(category_id)
    add, remove = [], []
    for product_id, row in speaker.items():
        wanted = ref.categories[row[4]]
        have = current.get(product_id, set())
        if wanted not in have:
            add.append({"product_id": product_id, "category_id": wanted})
        remove.extend((product_id, c) for c in have - {wanted})
    for product_id, category_id in remove:
        ProductCategory.objects.filter(product_id=product_id, category_id=category_id).delete()
    bulk.insert_values(ProductCategory, add)

    # Attributes.
    attributes = {
        ref.stars_attribute.pk: "value_integer",
        ref.certificate_attribute.pk: "value_text",
    }
    values: dict[tuple[int, int], Any] = {}
    for value in _in_chunks(
        ProductAttributeValue.objects.filter(attribute_id__in=attributes).only(
            "pk", "product_id", "attribute_id", "value_integer", "value_text"
        ),
        "product_id",
        product_ids,
    ):
        values[(value.product_id, value.attribute_id)] = value
    create, update_int, update_text = [], [], []
    for product_id, row in speaker.items():
        for attribute_id, wanted in (
            (ref.stars_attribute.pk, row[5]),
            (ref.certificate_attribute.pk, row[6]),
        ):
            column = attributes[attribute_id]
            value = values.get((product_id, attribute_id))
            if value is None:
                create.append(
                    {
                        "product_id": product_id,
                        "attribute_id": attribute_id,
                        "value_integer": wanted if column == "value_integer" else None,
                        "value_text": wanted if column == "value_text" else None,
                    }
                )
            elif getattr(value, column) != wanted:
                setattr(value, column, wanted)
                (update_int if column == "value_integer" else update_text).append(value)
    bulk.insert_values(ProductAttributeValue, create)
    bulk.update(ProductAttributeValue, update_int, ["value_integer"])
    bulk.update(ProductAttributeValue, update_text, ["value_text"])


def _ensure_stockrecords(certs: Sequence[Certificate]) -> None:
    """Each certified product belongs to its producer through a stock record (no price,
    no stock until the producer sets them). Existing stock records are never changed."""
    wanted = {(c.product_id, c.producer_id): c.product_code for c in certs}
    if not wanted:
        return
    have = set(
        _in_chunks(
            StockRecord.objects.values_list("product_id", "partner_id"),
            "product_id",
            {product_id for product_id, _ in wanted},
        )
    )
    # (partner, partner_sku) is unique: a SKU the producer already uses elsewhere stays theirs.
    skus = set(
        _in_chunks(
            StockRecord.objects.values_list("partner_id", "partner_sku"),
            "partner_sku",
            set(wanted.values()),
        )
    )
    new = []
    for (product_id, partner_id), code in wanted.items():
        if (product_id, partner_id) in have:
            continue
        sku = code if (partner_id, code) not in skus else f"{code}-{product_id}"
        skus.add((partner_id, sku))
        new.append(
            {
                "product_id": product_id,
                "partner_id": partner_id,
                "partner_sku": sku,
                "price": None,
                "price_currency": "VND",
                "num_in_stock": 0,
                "num_allocated": None,
                "low_stock_threshold": None,
            }
        )
    bulk.insert_values(StockRecord, new)

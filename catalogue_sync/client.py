"""Read the OCOP registry: feed v1 over HTTP, or a file (.json page(s), .xlsx, .csv).

Everything here only reads; nothing touches the database. A feed is read to the end
before anything is applied, so a registry error half-way leaves the shop as it was.
"""

from __future__ import annotations

import csv
import email.utils
import http.client
import io
import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from shop.ocop.models import CertificateStatus, ProductGroup
from shop.partner.models import LegalForm
from shop.text import fold, nfc

from .records import sanitise

logger = logging.getLogger(__name__)

USER_AGENT = "ocop-shop-sync/1 (+registry-feed-v1)"


class RegistryError(Exception):
    """The feed cannot be applied; the run aborts and changes nothing."""


class ConfigurationError(RegistryError):
    """Wrong URL, token or file: retrying will not help (401/403/404, missing source)."""


class RegistryUnavailable(RegistryError):
    """The registry kept failing (5xx, 429, timeouts) after every retry."""


class TruncatedFeed(RegistryError):
    """Fewer records arrived than the feed's ``count`` announced."""


@dataclass
class Page:
    registry: dict[str, str]
    results: list[Any]


@dataclass
class Feed:
    source: str
    count: int
    pages: list[Page] = field(default_factory=list)

    @property
    def received(self) -> int:
        return sum(len(p.results) for p in self.pages)

    def items(self) -> Iterable[tuple[Any, dict[str, str]]]:
        for page in self.pages:
            for raw in page.results:
                yield raw, page.registry

    def check_complete(self) -> None:
        if self.received < self.count:
            raise TruncatedFeed(
                f"Nguồn dữ liệu bị cắt cụt: nhận {self.received} bản ghi, "
                f"nguồn báo có {self.count}. Không áp dụng gì."
            )


def _registry_meta(page: dict) -> dict[str, str]:
    meta = page.get("registry")
    if not isinstance(meta, dict):
        return {"authority": "", "province_code": ""}
    authority = meta.get("authority")
    province = meta.get("province_code")
    return {
        "authority": sanitise(nfc(authority))[:255] if isinstance(authority, str) else "",
        "province_code": sanitise(nfc(province))[:8] if isinstance(province, str) else "",
    }


def parse_page(data: Any, *, where: str) -> tuple[Page, int, str | None]:
    """(page, count, next link) from one decoded feed page; malformed pages abort."""
    if not isinstance(data, dict):
        raise RegistryError(f"{where}: trang dữ liệu không phải đối tượng JSON.")
    results, count, next_link = data.get("results"), data.get("count"), data.get("next")
    if not isinstance(results, list):
        raise RegistryError(f"{where}: thiếu danh sách “results”.")
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise RegistryError(f"{where}: thiếu hoặc sai trường “count”.")
    if next_link is not None and not isinstance(next_link, str):
        raise RegistryError(f"{where}: trường “next” phải là URL hoặc null.")
    return Page(_registry_meta(data), results), count, next_link or None


# --- HTTP ---------------------------------------------------------------------------


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(tz=UTC)).total_seconds())


class RegistryClient:
    """Feed v1 over HTTP: pagination by ``next``, retries with exponential backoff."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str = "",
        timeout: float = 30.0,
        retries: int = 5,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        page_size: int = 500,
        max_pages: int = 10_000,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not base_url:
            raise ConfigurationError(
                "Chưa cấu hình địa chỉ hệ thống OCOP (REGISTRY_URL) và không có tệp nào."
            )
        parts = urllib.parse.urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigurationError(f"Địa chỉ hệ thống OCOP không hợp lệ: {base_url}")
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.page_size = page_size
        self.max_pages = max_pages
        self.sleep = sleep
        self.requests_made = 0

    def listing_url(self, *, updated_since: datetime | None = None) -> str:
        base = self.base_url
        if not base.endswith("/certificates"):
            base += "/certificates"
        query = {"page_size": str(self.page_size)}
        if updated_since is not None:
            moment = updated_since.astimezone(UTC).replace(microsecond=0)
            query["updated_since"] = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        return f"{base}?{urllib.parse.urlencode(query)}"

    def fetch(self, *, updated_since: datetime | None = None) -> Feed:
        """Every page of the listing; raises RegistryError rather than return a partial feed."""
        url: str | None = self.listing_url(updated_since=updated_since)
        feed: Feed | None = None
        seen: set[str] = set()
        while url:
            if url in seen or len(seen) >= self.max_pages:
                raise RegistryError(f"Phân trang lặp lại hoặc quá dài tại {url}.")
            seen.add(url)
            page, count, url_next = parse_page(self.get_json(url), where=url)
            if feed is None:
                feed = Feed(source=self.base_url, count=count)
            feed.pages.append(page)
            url = url_next
        assert feed is not None  # noqa: S101 - the loop runs at least once
        feed.check_complete()
        return feed

    def _headers(self, url: str) -> dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        same_origin = urllib.parse.urlsplit(url)[:2] == urllib.parse.urlsplit(self.base_url)[:2]
        if self.token and same_origin:  # never hand the token to another host
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def get_json(self, url: str) -> Any:
        attempt = 0
        while True:
            wait, problem = self._try_once(url)
            if problem is None:
                return wait  # the decoded body
            attempt += 1
            if attempt > self.retries:
                raise RegistryUnavailable(
                    f"Hệ thống OCOP không phản hồi được sau {self.retries + 1} lần thử "
                    f"({problem}): {url}"
                )
            delay = self.backoff * (2 ** (attempt - 1))
            if isinstance(wait, float):
                delay = max(delay, wait)
            delay = min(delay, self.max_wait)
            logger.warning("Registry: %s; retrying in %.1f s (%s)", problem, delay, url)
            self.sleep(delay)

    def _try_once(self, url: str) -> tuple[Any, str | None]:
        """(body, None) on success, (retry-after seconds or None, problem) when transient."""
        request = urllib.request.Request(url, headers=self._headers(url))  # noqa: S310
        self.requests_made += 1
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read()
        except urllib.error.HTTPError as exc:
            status = exc.code
            exc.close()
            if status in (401, 403):
                raise ConfigurationError(
                    f"Hệ thống OCOP từ chối truy cập (HTTP {status}): kiểm tra REGISTRY_TOKEN."
                ) from exc
            if status == 404:
                raise ConfigurationError(
                    f"Không tìm thấy nguồn dữ liệu (HTTP 404): kiểm tra REGISTRY_URL ({url})."
                ) from exc
            if status == 429 or status >= 500:
                return _retry_after(exc.headers.get("Retry-After")), f"HTTP {status}"
            raise RegistryError(f"Hệ thống OCOP trả lỗi HTTP {status} cho {url}.") from exc
        except TimeoutError:
            return None, "hết thời gian chờ"
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | TimeoutError):
                return None, "hết thời gian chờ"
            return None, f"lỗi kết nối: {exc.reason}"
        except (ConnectionError, http.client.HTTPException) as exc:
            return None, f"lỗi kết nối: {exc}"
        try:
            return json.loads(body.decode("utf-8")), None
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None, "nội dung không phải JSON hợp lệ"


# --- Files --------------------------------------------------------------------------

HEADERS = {
    "so chung nhan": "certificate_no",
    "ma san pham": "product_code",
    "ten san pham": "product_name",
    "nhom san pham": "product_group",
    "phan nhom": "product_subgroup",
    "so sao": "stars",
    "diem": "score",
    "chu the": "producer_name",
    "ma chu the": "producer_code",
    "loai hinh chu the": "legal_form",
    "dia chi": "address",
    "so quyet dinh": "decision_no",
    "ngay quyet dinh": "decision_date",
    "hieu luc tu": "valid_from",
    "hieu luc den": "valid_until",
    "trang thai": "status",
    "cap cong nhan": "issued_by",
    "ma so thue": "tax_code",
    "nguoi dai dien": "representative",
    "dien thoai": "phone",
    "so dien thoai": "phone",
    "email": "email",
}
REQUIRED_COLUMNS = ("certificate_no", "product_code", "product_name", "product_group", "stars")

GROUP_WORDS = {fold(str(label)): value for value, label in ProductGroup.choices} | {
    v: v for v in ProductGroup.values
}
LEGAL_FORM_WORDS = {fold(str(label)): value for value, label in LegalForm.choices} | {
    v: v for v in LegalForm.values
}
STATUS_WORDS = (
    {v: v for v in CertificateStatus.values}
    | {fold(str(label)): value for value, label in CertificateStatus.choices}
    | {
        "": "active",
        "con hieu luc": "active",
        "hieu luc": "active",
        "dinh chi": "suspended",
        "thu hoi": "revoked",
        "da thu hoi": "revoked",
    }
)
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_STARS = re.compile(r"(\d+)(?:[.,]0+)?\s*(?:sao|★)?", re.IGNORECASE)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(str(value))


def _cell_date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = _cell_text(value)
    if not text:
        return None
    match = _DMY.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return text  # the parser quarantines it with the reason
    return text


def _cell_int(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _cell_text(value)
    if not text:
        return None
    match = _STARS.fullmatch(text)
    return int(match.group(1)) if match else text


def _word(value: Any, words: dict[str, str]) -> str:
    text = _cell_text(value)
    return words.get(fold(text), text)


def _legal_form(value: Any) -> str:
    key = fold(_cell_text(value))
    if key in LEGAL_FORM_WORDS:
        return LEGAL_FORM_WORDS[key]
    for prefix, form in (
        ("hop tac xa", "cooperative"),
        ("to hop tac", "cooperative_group"),
        ("cong ty", "enterprise"),
        ("doanh nghiep", "enterprise"),
        ("ho ", "household"),
    ):
        if key.startswith(prefix):
            return form
    return key


_COMMUNE = ("xa ", "phuong ", "thi tran ", "dac khu ")
_DISTRICT = ("huyen ", "quan ", "thi xa ", "thanh pho ")
_PROVINCE = ("tinh ", "thanh pho ", "tp ")


def split_address(text: str) -> dict[str, str | None]:
    """“Thôn Bãi Chợ, Xã Phượng Sơn, Huyện Lục Ngạn, Tỉnh Bắc Giang” → its four parts."""
    parts = [p.strip() for p in nfc(text).split(",") if p.strip()]
    address: dict[str, str | None] = {
        "street": None,
        "commune": None,
        "district": None,
        "province": None,
    }
    if parts and (len(parts) > 1 or fold(parts[-1]).startswith(_PROVINCE)):
        address["province"] = parts.pop()
    street: list[str] = []
    for part in parts:
        key = fold(part)
        if address["commune"] is None and key.startswith(_COMMUNE):
            address["commune"] = part
        elif address["district"] is None and key.startswith(_DISTRICT):
            address["district"] = part
        else:
            street.append(part)
    address["street"] = ", ".join(street) or None
    return address


def row_to_record(row: dict[str, Any], *, updated_at: str) -> dict[str, Any]:
    """A spreadsheet row (keys already mapped from Vietnamese headers) → a feed v1 record."""
    stars = _cell_int(row.get("stars"))
    issued_by = _cell_text(row.get("issued_by")).lower()
    if not issued_by:
        issued_by = "national" if stars == 5 else "province"
    elif fold(issued_by) in ("tinh", "cap tinh", "ubnd cap tinh"):
        issued_by = "province"
    elif fold(issued_by) in ("huyen", "cap huyen", "ubnd cap huyen"):
        issued_by = "district"
    elif fold(issued_by) in ("trung uong", "quoc gia"):
        issued_by = "national"

    def optional(key: str) -> str | None:
        return _cell_text(row.get(key)) or None

    return {
        "certificate_no": _cell_text(row.get("certificate_no")),
        "product_code": _cell_text(row.get("product_code")),
        "product_name": _cell_text(row.get("product_name")),
        "product_group": _word(row.get("product_group"), GROUP_WORDS),
        "product_subgroup": _cell_text(row.get("product_subgroup")),
        "stars": stars,
        "score": _cell_int(row.get("score")),
        "issued_by": issued_by,
        "decision_no": _cell_text(row.get("decision_no")),
        "decision_date": _cell_date(row.get("decision_date")),
        "valid_from": _cell_date(row.get("valid_from")),
        "valid_until": _cell_date(row.get("valid_until")),
        "status": _word(row.get("status"), STATUS_WORDS),
        "status_changed_on": None,
        "status_reason": None,
        "producer": {
            "producer_code": _cell_text(row.get("producer_code")),
            "name": _cell_text(row.get("producer_name")),
            "legal_form": _legal_form(row.get("legal_form")) or None,
            "tax_code": optional("tax_code"),
            "representative": optional("representative"),
            "phone": optional("phone"),
            "email": optional("email"),
            "address": split_address(_cell_text(row.get("address"))),
        },
        "updated_at": updated_at,
    }


def _map_header(rows: list[list[Any]], *, where: str) -> tuple[dict[int, str], int]:
    """Find the header row (the first with the required columns) and map its columns."""
    for index, row in enumerate(rows[:20]):
        mapping = {}
        for col, value in enumerate(row):
            key = HEADERS.get(fold(_cell_text(value)).rstrip(" :*"))
            if key and key not in mapping.values():
                mapping[col] = key
        if all(k in mapping.values() for k in REQUIRED_COLUMNS):
            return mapping, index
    raise ConfigurationError(
        f"{where}: không tìm thấy dòng tiêu đề với các cột "
        "“Số chứng nhận”, “Mã sản phẩm”, “Tên sản phẩm”, “Nhóm sản phẩm”, “Số sao”."
    )


def _rows_to_feed(rows: list[list[Any]], *, source: str, updated_at: str) -> Feed:
    mapping, header_index = _map_header(rows, where=source)
    results = []
    for row in rows[header_index + 1 :]:
        if not any(_cell_text(v) for v in row):
            continue  # blank lines between blocks
        values = {key: row[col] for col, key in mapping.items() if col < len(row)}
        results.append(row_to_record(values, updated_at=updated_at))
    registry = {"authority": "", "province_code": ""}
    return Feed(source=source, count=len(results), pages=[Page(registry, results)])


def _read_csv(path: Path) -> list[list[Any]]:
    text = path.read_text(encoding="utf-8-sig")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _read_xlsx(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.active
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def load_file(path: str | Path) -> Feed:
    """A feed from a file: ``.json`` (one feed page or a list of pages), ``.xlsx``, ``.csv``."""
    path = Path(path)
    if not path.is_file():
        raise ConfigurationError(f"Không tìm thấy tệp {path}.")
    suffix = path.suffix.lower()
    modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).isoformat()
    if suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise RegistryError(f"{path}: không phải JSON hợp lệ ({exc}).") from exc
        pages = data if isinstance(data, list) else [data]
        if not pages:
            raise RegistryError(f"{path}: tệp không có trang dữ liệu nào.")
        feed = None
        for number, item in enumerate(pages, start=1):
            page, count, _next = parse_page(item, where=f"{path} (trang {number})")
            if feed is None:
                feed = Feed(source=str(path), count=count)
            feed.pages.append(page)
        assert feed is not None  # noqa: S101
        feed.check_complete()
        return feed
    if suffix == ".csv":
        return _rows_to_feed(_read_csv(path), source=str(path), updated_at=modified)
    if suffix in (".xlsx", ".xlsm"):
        try:
            rows = _read_xlsx(path)
        except Exception as exc:  # openpyxl raises many kinds for a broken workbook
            raise RegistryError(f"{path}: không đọc được bảng tính ({exc}).") from exc
        return _rows_to_feed(rows, source=str(path), updated_at=modified)
    raise ConfigurationError(f"{path}: chỉ nhận tệp .json, .xlsx hoặc .csv.")

"""The feed client against a real HTTP server on loopback, and the file importers."""

import csv
import json
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import Workbook

from catalogue_sync.client import (
    ConfigurationError,
    RegistryClient,
    RegistryError,
    RegistryUnavailable,
    TruncatedFeed,
    load_file,
    split_address,
)
from catalogue_sync.records import CertificateRecord, Rejected, parse_record


def client(url, **options):
    options = {"timeout": 0.5, "retries": 3, "backoff": 0.01, "page_size": 50} | options
    return RegistryClient(url, **options)


def test_follows_next_links_over_every_page(registry, make_records):
    registry.set(make_records(120))
    feed = client(registry.url).fetch()
    assert feed.count == 120
    assert feed.received == 120
    assert len(registry.requests) == 3
    numbers = [raw["certificate_no"] for raw, _ in feed.items()]
    assert numbers[0] == "BN-2025-00001" and numbers[-1] == "BN-2025-00120"
    first = registry.requests[0]
    assert first["query"]["page_size"] == "50"
    assert "updated_since" not in first["query"]
    assert first["headers"]["Accept"] == "application/json"


def test_incremental_asks_for_changes_since_in_utc(registry, make_records):
    registry.set(make_records(3))
    since = datetime(2026, 11, 1, 7, 0, tzinfo=UTC) + timedelta(hours=0)
    client(registry.url).fetch(updated_since=since)
    assert registry.requests[0]["query"]["updated_since"] == "2026-11-01T07:00:00Z"


def test_server_error_then_success_is_retried(registry, make_records):
    registry.set(make_records(3))
    registry.trouble = [("status", 500, {}), ("status", 502, {})]
    feed = client(registry.url).fetch()
    assert feed.received == 3
    assert len(registry.requests) == 3


def test_429_waits_as_long_as_retry_after_says(registry, make_records):
    registry.set(make_records(3))
    registry.trouble = [("status", 429, {"Retry-After": "1"})]
    waits = []
    c = client(registry.url, sleep=waits.append)
    assert c.fetch().received == 3
    assert waits == [1.0]  # not the 0.01 s backoff base

    registry.requests.clear()
    registry.trouble = [("status", 429, {"Retry-After": "1"})]
    started = time.monotonic()
    assert client(registry.url).fetch().received == 3
    assert time.monotonic() - started >= 0.95


def test_backoff_grows_exponentially_and_gives_up(registry, make_records):
    registry.set(make_records(3))
    registry.trouble = [("status", 503, {})] * 10
    waits = []
    with pytest.raises(RegistryUnavailable, match="4 lần thử"):
        client(registry.url, backoff=0.5, sleep=waits.append).fetch()
    assert waits == [0.5, 1.0, 2.0]
    assert len(registry.requests) == 4


def test_a_slow_page_times_out_and_is_retried(registry, make_records):
    registry.set(make_records(3))
    registry.trouble = [("sleep", 1.5)]
    started = time.monotonic()
    feed = client(registry.url, timeout=0.3).fetch()
    assert feed.received == 3
    assert len(registry.requests) == 2
    assert time.monotonic() - started < 1.5


def test_bearer_token_is_sent(registry, make_records):
    registry.set(make_records(2))
    registry.token = "s3cret"
    assert client(registry.url, token="s3cret").fetch().received == 2
    assert registry.requests[0]["headers"]["Authorization"] == "Bearer s3cret"


@pytest.mark.parametrize("status", [401, 403, 404])
def test_configuration_errors_are_not_retried(registry, make_records, status):
    registry.set(make_records(2))
    registry.trouble = [("status", status, {})] * 5
    with pytest.raises(ConfigurationError):
        client(registry.url).fetch()
    assert len(registry.requests) == 1


def test_wrong_token_is_a_configuration_error(registry, make_records):
    registry.set(make_records(2))
    registry.token = "right"
    with pytest.raises(ConfigurationError, match="REGISTRY_TOKEN"):
        client(registry.url, token="wrong").fetch()


def test_truncated_feed_raises(registry, make_records):
    registry.set(make_records(60))
    registry.count_extra = 5
    with pytest.raises(TruncatedFeed, match="nhận 60 bản ghi, nguồn báo có 65"):
        client(registry.url).fetch()


def test_error_on_a_later_page_raises(registry, make_records):
    registry.set(make_records(120))
    registry.fail_page = 2
    with pytest.raises(RegistryUnavailable):
        client(registry.url).fetch()


def test_token_is_not_sent_to_another_host(registry):
    c = client("http://127.0.0.1:1", token="s3cret")
    assert "Authorization" in c._headers("http://127.0.0.1:1/certificates?cursor=2")
    assert "Authorization" not in c._headers("http://evil.example/certificates")


def test_missing_url_is_a_configuration_error():
    with pytest.raises(ConfigurationError, match="REGISTRY_URL"):
        RegistryClient("")


# --- files ----------------------------------------------------------------------------

HEADERS = [
    "STT",
    "Số chứng nhận",
    "Mã sản phẩm",
    "Tên sản phẩm",
    "Nhóm sản phẩm",
    "Số sao",
    "Điểm",
    "Chủ thể",
    "Mã chủ thể",
    "Loại hình chủ thể",
    "Địa chỉ",
    "Số quyết định",
    "Ngày quyết định",
    "Hiệu lực từ",
    "Hiệu lực đến",
    "Trạng thái",
]
ROWS = [
    [
        1,
        "BG-2024-0001",
        "BG-P-0001",
        "Mật ong hoa vải Lục Ngạn",
        "Thực phẩm",
        "4 sao",
        "78",
        "Hợp tác xã Nông sản Lục Ngạn",
        "BG-C-0042",
        "Hợp tác xã",
        "Thôn Bãi Chợ, Xã Phượng Sơn, Huyện Lục Ngạn, Tỉnh Bắc Giang",
        "1234/QĐ-UBND",
        "10/07/2024",
        "10/07/2024",
        "09/07/2027",
        "Còn hiệu lực",
    ],
    [
        2,
        "BG-2024-0002",
        "BG-P-0002",
        "Rượu làng Vân",
        "Đồ uống",
        "3 sao",
        "66",
        "Hộ kinh doanh Rượu Vân Hà",
        "BG-C-0011",
        "Hộ kinh doanh",
        "Xã Vân Hà, Huyện Việt Yên, Tỉnh Bắc Giang",
        "887/QĐ-UBND",
        "12/10/2024",
        "12/10/2024",
        "11/10/2027",
        "Tạm đình chỉ",
    ],
    [
        3,
        "BG-2024-0003",
        "BG-P-0003",
        "Sâm Nam Núi Dành",
        "Dược liệu và sản phẩm từ dược liệu",
        "5 sao",
        "91",
        "Công ty TNHH Sâm Núi Dành",
        "BG-C-0050",
        "Doanh nghiệp",
        "Xã Liên Chung, Huyện Tân Yên, Tỉnh Bắc Giang",
        "55/QĐ-UBND",
        "31/02/2024",
        "01/03/2024",
        "28/02/2027",
        "Còn hiệu lực",
    ],
]


def _check_rows(feed):
    assert feed.count == 3
    parsed = [parse_record(raw, registry=meta) for raw, meta in feed.items()]
    honey, wine, ginseng = parsed
    assert isinstance(honey, CertificateRecord)
    assert honey.product_group == "food"
    assert honey.stars == 4 and honey.score == 78
    assert honey.decision_date == date(2024, 7, 10)
    assert honey.valid_until == date(2027, 7, 9)
    assert honey.producer.legal_form == "cooperative"
    assert honey.producer.address.commune == "Xã Phượng Sơn"
    assert honey.producer.address.district == "Huyện Lục Ngạn"
    assert honey.producer.address.province == "Tỉnh Bắc Giang"
    assert honey.producer.address.street == "Thôn Bãi Chợ"
    assert isinstance(wine, CertificateRecord)
    assert wine.product_group == "beverage"
    assert wine.status == "suspended"
    assert wine.producer.legal_form == "household"
    # 31/02 is not a date: quarantined with the reason, not guessed.
    assert isinstance(ginseng, Rejected)
    assert "ngày không đọc được" in ginseng.reason


def test_xlsx_with_vietnamese_headers(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Danh sách sản phẩm OCOP năm 2024"])  # a title row above the header
    sheet.append(HEADERS)
    for row in ROWS:
        # Excel stores real dates as dates: the first row's decision date is a date cell.
        sheet.append(row)
    sheet.cell(row=3, column=13).value = datetime(2024, 7, 10)
    path = tmp_path / "quyet-dinh.xlsx"
    workbook.save(path)
    _check_rows(load_file(path))


def test_csv_with_vietnamese_headers_and_reordered_columns(tmp_path):
    path = tmp_path / "danh-sach.csv"
    order = list(reversed(range(len(HEADERS))))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([HEADERS[i] for i in order])
        for row in ROWS:
            writer.writerow([row[i] for i in order])
    _check_rows(load_file(path))


def test_csv_without_the_required_columns_is_a_configuration_error(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Tên,Giá\nChè,100\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="Số chứng nhận"):
        load_file(path)


def test_json_file_with_one_page_or_a_list_of_pages(tmp_path, make_records):
    records = make_records(4)
    page = {"registry": {}, "count": 4, "next": None, "results": records}
    one = tmp_path / "one.json"
    one.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    assert load_file(one).received == 4

    pages = [
        {"count": 4, "next": "x", "results": records[:2]},
        {"count": 4, "next": None, "results": records[2:]},
    ]
    many = tmp_path / "many.json"
    many.write_text(json.dumps(pages), encoding="utf-8")
    assert load_file(many).received == 4

    short = tmp_path / "short.json"
    short.write_text(json.dumps(pages[:1]), encoding="utf-8")
    with pytest.raises(TruncatedFeed):
        load_file(short)


def test_unknown_file_kinds_and_broken_json(tmp_path):
    with pytest.raises(ConfigurationError):
        load_file(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(RegistryError):
        load_file(bad)
    other = tmp_path / "list.pdf"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(ConfigurationError):
        load_file(other)


def test_split_address():
    assert split_address("Phường Hàng Bạc, Thành phố Hà Nội") == {
        "street": None,
        "commune": "Phường Hàng Bạc",
        "district": None,
        "province": "Thành phố Hà Nội",
    }
    assert split_address("Số 5 Ngõ 10, Đường Lê Lợi, Phường 1, Quận 3, TP Hồ Chí Minh")[
        "street"
    ] == ("Số 5 Ngõ 10, Đường Lê Lợi")

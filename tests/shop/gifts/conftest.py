import pytest

from tests.factories import ProducerFactory, sellable_product


@pytest.fixture
def producers(db):
    thai_nguyen = ProducerFactory(
        name="HTX Chè Tân Cương",
        province_code="19",
        email="che@example.vn",
        lead_time_days=2,
    )
    phu_quoc = ProducerFactory(
        name="Cơ sở Nước mắm Phú Quốc",
        province_code="91",
        email="nuocmam@example.vn",
        lead_time_days=5,
    )
    return thai_nguyen, phu_quoc


@pytest.fixture
def tea(producers):
    return sellable_product(
        title="Chè búp Tân Cương", price=200000, stock=10, producer=producers[0]
    )


@pytest.fixture
def sauce(producers):
    return sellable_product(title="Nước mắm Phú Quốc", price=150000, stock=6, producer=producers[1])

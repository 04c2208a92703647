"""Steps the browser tests share: filling a basket from product pages and a guest's way
through the checkout's first two steps."""

from playwright.sync_api import expect

from shop.addresses import wards


def add_to_basket(page, live_server, *products):
    """Add one of each of ``products`` from its product page."""
    for product in products:
        page.goto(f"{live_server.url}{product.get_absolute_url()}")
        page.locator("#add_to_basket_form [type=submit]").click()
        page.wait_for_load_state("load")


def checkout_as_guest(page, live_server, email: str):
    """Open the checkout and go on as a guest with ``email``."""
    page.goto(f"{live_server.url}/shop/checkout/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=options][value=anonymous]").check()
    page.locator("form").filter(has=page.locator("input[name=username]")).locator(
        "[type=submit]"
    ).first.click()


def fill_address(page, *, name: str, phone: str, province_code: str, street: str):
    """Fill the shipping address form (the province's first ward); the caller submits it."""
    expect(page.get_by_role("heading", name="Địa chỉ nhận hàng")).to_be_visible()
    page.fill("#id_first_name", name)
    page.fill("#id_phone_number", phone)
    page.select_option("#id_province_code", province_code)  # the ward list follows by script
    ward = wards(province_code)[0]
    expect(page.locator(f"#id_ward_code option[value='{ward.code}']")).to_have_count(1)
    page.select_option("#id_ward_code", ward.code)
    page.fill("#id_line1", street)


def log_in_to_dashboard(page, live_server, email: str, password: str):
    """Sign in on the dashboard's login page (producers and staff)."""
    page.goto(f"{live_server.url}/dashboard/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("#dashboard_login_form [type=submit]")

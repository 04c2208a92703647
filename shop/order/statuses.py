"""Order and line statuses (Vietnamese, as staff and shoppers read them) and the pipelines
Oscar enforces with them. Plain constants: the settings import this module.

A line follows its producer's shipment (``shop.producers.services.sync_order_status``); the
order follows its lines. Staff can still move an order along the pipeline on the dashboard
(cancelling it cancels its lines through the cascade).
"""

PROCESSING = "Đang xử lý"
PACKED = "Đã đóng gói"
PARTLY_SHIPPED = "Đã gửi một phần"
SHIPPED = "Đã gửi hàng"
DELIVERED = "Đã giao hàng"
CANCELLED = "Đã huỷ"

ORDER_PIPELINE = {
    PROCESSING: (PARTLY_SHIPPED, SHIPPED, DELIVERED, CANCELLED),
    PARTLY_SHIPPED: (SHIPPED, DELIVERED, CANCELLED),
    SHIPPED: (DELIVERED,),
    DELIVERED: (),
    CANCELLED: (),
}

LINE_PIPELINE = {
    PROCESSING: (PACKED, SHIPPED, DELIVERED, CANCELLED),
    PACKED: (SHIPPED, DELIVERED, CANCELLED),
    SHIPPED: (DELIVERED,),
    DELIVERED: (),
    CANCELLED: (),
}

# The order's new status → its lines' new status (when the line's pipeline allows it).
ORDER_CASCADE = {CANCELLED: CANCELLED, DELIVERED: DELIVERED}

#: Shipment status (shop.producers.models.ShipmentStatus values) → line status.
LINE_STATUS_FOR_SHIPMENT = {
    "pending": PROCESSING,
    "packed": PACKED,
    "shipped": SHIPPED,
    "delivered": DELIVERED,
    "cancelled": CANCELLED,
}


def order_status_for(line_statuses: list[str], current: str) -> str:
    """The order's status given its lines'. A cancelled order stays cancelled."""
    if current == CANCELLED:
        return current
    active = [s for s in line_statuses if s != CANCELLED]
    if not line_statuses:
        return current
    if not active:
        return CANCELLED
    if all(s == DELIVERED for s in active):
        return DELIVERED
    if all(s in (SHIPPED, DELIVERED) for s in active):
        return SHIPPED
    if any(s in (SHIPPED, DELIVERED) for s in active):
        return PARTLY_SHIPPED
    return PROCESSING

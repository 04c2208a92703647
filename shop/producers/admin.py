from django.contrib import admin

from .models import CertificateReport, Invitation, LineCommission, Payout, Shipment


@admin.register(CertificateReport)
class CertificateReportAdmin(admin.ModelAdmin):
    list_display = ("certificate", "partner", "user", "created_at", "resolved_at")
    list_filter = ("resolved_at",)
    readonly_fields = ("certificate", "partner", "user", "message", "created_at")


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    list_display = ("order", "partner", "status", "carrier", "tracking_number", "shipped_at")
    list_filter = ("status",)
    raw_id_fields = ("order",)


@admin.register(LineCommission)
class LineCommissionAdmin(admin.ModelAdmin):
    list_display = ("line", "partner", "rate", "gross", "commission", "payout", "payout_record")
    raw_id_fields = ("line", "payout_record")

    def has_change_permission(self, request, obj=None):
        return False  # money records are written by the shop only


@admin.register(Payout)
class PayoutAdmin(admin.ModelAdmin):
    list_display = ("partner", "amount", "reference", "paid_at", "paid_by")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "partner", "created_at", "expires_at", "accepted_at")
    exclude = ("token",)

"""The one module that moves an order's payment state (views call it, nothing else does)."""

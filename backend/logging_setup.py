"""Log masking of the API: the shared implementation lives in :mod:`civic.logmask`.

Kept as the name the backend imports (``backend.app``, ``backend.errors``' docstring); the
Rasa server's tracker store installs the same masking from ``civic.logmask`` directly.
"""

from __future__ import annotations

from civic.logmask import MaskingFilter, install_log_masking, mask_record

__all__ = ["MaskingFilter", "install_log_masking", "mask_record"]

"""The dock's remembered choices, kept in QgsSettings under ``lst_studio/``.

One dataclass, one load and one save: the dock reads it when it opens and writes it when a run
starts, so the next session starts where the analyst left off.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from qgis.core import QgsSettings

PREFIX = "lst_studio/"


@dataclass
class DockSettings:
    algorithm: int = 0  # index into core.options.ALGORITHMS (auto, RTE, SW, SC)
    water_vapour: str = ""  # g/cm²; empty = the documented default
    transmittance: str = ""  # B10 τ; all three RTE values or none
    upwelling: str = ""  # W m⁻² sr⁻¹ µm⁻¹
    downwelling: str = ""
    emissivity: int = 0  # index into core.options.EMISSIVITY_METHODS
    emissivity_constant: float = 0.97
    cloud_buffer: int = 3  # pixels, Fmask 4.7 default (see core.options.MaskOptions)
    shadow_buffer: int = 3
    output_folder: str = ""
    product_token: str = "LST"
    organization_id: str = ""
    make_zip: bool = False
    overwrite: bool = False
    last_input_dir: str = ""
    arrow_factor: float = 100.0  # exaggeration of the tiepoint displacement arrows


def load_settings() -> DockSettings:
    s = QgsSettings()
    values = {}
    for f in fields(DockSettings):
        default = getattr(DockSettings, f.name)
        values[f.name] = s.value(PREFIX + f.name, default, type=type(default))
    return DockSettings(**values)


def save_settings(settings: DockSettings) -> None:
    s = QgsSettings()
    for f in fields(DockSettings):
        s.setValue(PREFIX + f.name, getattr(settings, f.name))

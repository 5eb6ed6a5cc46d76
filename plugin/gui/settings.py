"""The dock's choices, kept in the project (scope ``lst_studio``) and as the user's defaults.

One dataclass, one load and one save: the dock reads it when it opens and when a project is read,
and writes it when a run starts. The project's values win (a project remembers its own output
folder, algorithm, unit and LST scale); a new project starts from the user's last choices in
QgsSettings under ``lst_studio/``. Project entries are stored as text and parsed by the field's type.
To add a dock setting, add a field here and its row to the form (``LstStudioDock._apply_settings``
and ``current_settings``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from qgis.core import QgsProject, QgsSettings

PREFIX = "lst_studio/"
SCOPE = "lst_studio"  # project entries; also read by lst_display (display_unit, scale_*_k)


@dataclass
class DockSettings:
    algorithm: int = 0  # index into core.options.ALGORITHMS (auto, RTE, SW, SC)
    water_vapour: str = ""  # g/cm²; empty = the documented default
    transmittance: str = ""  # B10 τ; all three RTE values or none
    upwelling: str = ""  # W m⁻² sr⁻¹ µm⁻¹
    downwelling: str = ""
    reanalysis: str = ""  # ERA5 NetCDF/GRIB file: per-pixel water vapour (core.reanalysis); empty = none
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
    display_unit: str = "°C"  # LST on the map, in Identify and in the summary: "°C" or "K"
    scale_min_k: float = 0.0  # the project's LST colour scale in K; min = max = 0: the quicklook's range
    scale_max_k: float = 0.0


def _parse(text: str, default):
    if isinstance(default, bool):
        return text.strip().lower() in ("1", "true", "yes")
    try:
        return type(default)(text)
    except ValueError:
        return default


def load_settings(project: QgsProject | None = None) -> DockSettings:
    """The project's values where it has them, else the user's last choices, else the defaults."""
    s = QgsSettings()
    project = project or QgsProject.instance()
    values = {}
    for f in fields(DockSettings):
        default = getattr(DockSettings, f.name)
        user = s.value(PREFIX + f.name, default, type=type(default))
        text, found = project.readEntry(SCOPE, f.name, "")
        values[f.name] = _parse(text, default) if found and text != "" else user
    return DockSettings(**values)


def save_settings(settings: DockSettings, project: QgsProject | None = None) -> None:
    s = QgsSettings()
    project = project or QgsProject.instance()
    for f in fields(DockSettings):
        value = getattr(settings, f.name)
        s.setValue(PREFIX + f.name, value)
        project.writeEntry(SCOPE, f.name, str(value))

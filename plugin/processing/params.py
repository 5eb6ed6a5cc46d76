"""The production parameters shared by "Produce LST" and "Produce delivery package".

One definition, so the toolbox, batch mode, qgis_process, the dock and the demo use the same names:

INPUT            product: FarEarth folder/.zip/.geojson/_product.json, Landsat folder/MTL/.tar
AOI              optional polygon layer (selected features if any, else all features)
EXTENT           optional extent (used when AOI is empty); neither -> whole scene
AOI_NAME, AOI_ID free text stored in the metadata
ALGORITHM        enum auto | RTE | SW | SC
WATER_VAPOUR     g/cm2, optional (empty -> documented default)
TRANSMITTANCE, UPWELLING, DOWNWELLING   B10 (lwir11) atmosphere for RTE, optional
EMISSIVITY       enum ndvi_threshold | classes | constant;  EMISSIVITY_CONSTANT number
LAND_COVER       optional raster of ESA WorldCover class codes (any CRS) -> LstOptions.land_cover
DEM              optional elevation model in metres (any CRS) -> LstOptions.dem (night cloud test only)
REANALYSIS       optional ERA5 single-level file (NetCDF/GRIB from the CDS) -> per-pixel water vapour
DOWNLOAD_ERA5    fetch ERA5 from the CDS with the user's cdsapi credentials when no file is given
CLOUD_BUFFER, SHADOW_BUFFER             pixels
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProject,
)

from ..core.options import ALGORITHMS, EMISSIVITY_METHODS, Aoi, AtmosphereInput, EmissivityOptions, LstOptions
from .base import LstStudioProcessing

ALGORITHM_LABELS = (
    LstStudioProcessing.QT_TR_NOOP(
        "Automatic (RTE if atmosphere given, else split-window, else single-channel)"
    ),
    LstStudioProcessing.QT_TR_NOOP("Radiative transfer equation inversion (B10)"),
    LstStudioProcessing.QT_TR_NOOP("Split-window (B10/B11, Jiménez-Muñoz et al. 2014)"),
    LstStudioProcessing.QT_TR_NOOP("Single-channel (B10, Jiménez-Muñoz et al. 2014)"),
)
EMISSIVITY_LABELS = (
    LstStudioProcessing.QT_TR_NOOP("NDVI threshold (day) / land-cover classes (night)"),
    LstStudioProcessing.QT_TR_NOOP("Land-cover classes only"),
    LstStudioProcessing.QT_TR_NOOP("Constant"),
)
LAND_COVER_HELP = LstStudioProcessing.QT_TR_NOOP(
    "LAND_COVER (optional, ESA WorldCover class codes, any CRS): built-up emissivity by day (Du et al. "
    "2015), class emissivities at night and snow/ice clear-sky strata of the night cloud test."
)
DEM_HELP = LstStudioProcessing.QT_TR_NOOP(
    "DEM (optional, elevation in metres, any CRS): at night the cloud test normalises the brightness "
    "temperature to one elevation with the scene's fitted clear-sky slope (MFmask, Qiu et al. 2017); "
    "not used by day."
)
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def product_parameter(name: str = "INPUT") -> QgsProcessingParameterFile:
    """The input product: a file (.geojson, _product.json, .zip, MTL.txt/.json, .tar) or a product folder."""
    return QgsProcessingParameterFile(
        name,
        LstStudioProcessing.tr(
            "Level-1 product (FarEarth folder, .zip, .geojson or Landsat MTL, folder, .tar)"
        ),
        # "…" opens a folder picker (FarEarth and Landsat products are folders); a file (.zip, .tar,
        # .geojson, MTL) can still be typed or dropped: a Folder parameter accepts any path, and the
        # reader checks existence and kind with a clear message.
        behavior=QgsProcessingParameterFile.Folder,
    )


def add_aoi_parameters(alg) -> None:
    """AOI (polygon layer), EXTENT, AOI_NAME, AOI_ID: neither AOI nor EXTENT means the whole scene."""
    alg.addParameter(
        QgsProcessingParameterVectorLayer(
            "AOI",
            LstStudioProcessing.tr("Area of interest (polygons)"),
            [QgsProcessing.TypeVectorPolygon],
            optional=True,
        )
    )
    alg.addParameter(
        QgsProcessingParameterExtent(
            "EXTENT", LstStudioProcessing.tr("Area of interest extent"), optional=True
        )
    )
    alg.addParameter(
        QgsProcessingParameterString(
            "AOI_NAME", LstStudioProcessing.tr("AOI name"), defaultValue="", optional=True
        )
    )
    alg.addParameter(
        QgsProcessingParameterString(
            "AOI_ID", LstStudioProcessing.tr("AOI id"), defaultValue="", optional=True
        )
    )


def add_buffer_parameters(alg) -> None:
    alg.addParameter(
        QgsProcessingParameterNumber(
            "CLOUD_BUFFER", LstStudioProcessing.tr("Cloud buffer (pixels)"), defaultValue=3, minValue=0
        )
    )
    alg.addParameter(
        QgsProcessingParameterNumber(
            "SHADOW_BUFFER", LstStudioProcessing.tr("Shadow buffer (pixels)"), defaultValue=3, minValue=0
        )
    )


def add_land_cover_parameter(alg) -> None:
    """LAND_COVER: optional single-band raster of ESA WorldCover class codes, any CRS (core.landcover)."""
    alg.addParameter(
        QgsProcessingParameterRasterLayer(
            "LAND_COVER",
            LstStudioProcessing.tr("Land cover (ESA WorldCover class codes)"),
            optional=True,
        )
    )


def add_dem_parameter(alg) -> None:
    """DEM: optional single-band elevation model in metres, any CRS (core.terrain; night cloud test)."""
    alg.addParameter(
        QgsProcessingParameterRasterLayer(
            "DEM",
            LstStudioProcessing.tr("Elevation model (m), optional"),
            optional=True,
        )
    )


def add_reanalysis_parameters(alg) -> None:
    """REANALYSIS (ERA5 file) and DOWNLOAD_ERA5 (CDS, only when asked): core.reanalysis, core.cds_download."""
    alg.addParameter(
        QgsProcessingParameterFile(
            "REANALYSIS",
            LstStudioProcessing.tr("ERA5 reanalysis file (NetCDF or GRIB), optional"),
            fileFilter=LstStudioProcessing.tr("ERA5 files (*.nc *.grib *.grib2 *.grb)"),
            optional=True,
        )
    )
    alg.addParameter(
        QgsProcessingParameterBoolean(
            "DOWNLOAD_ERA5",
            LstStudioProcessing.tr("Download ERA5 from the Copernicus CDS (your cdsapi credentials)"),
            defaultValue=False,
            optional=True,
        )
    )


def raster_file_input(alg, parameters, name: str, context) -> str | None:
    """The file path of the optional raster parameter ``name`` (LAND_COVER, DEM), None when not given.

    Only the path is taken: the core (core.landcover, core.terrain) reads and checks the file, and
    the algorithm may run in a task with its own context, so a layer that is no file is refused here.
    """
    if parameters.get(name) in (None, ""):
        return None
    layer = alg.parameterAsRasterLayer(parameters, name, context)
    if layer is None or not layer.isValid():
        raise QgsProcessingException(
            LstStudioProcessing.tr("{}: {} is not a readable raster.").format(name, parameters.get(name))
        )
    if layer.providerType() != "gdal":
        raise QgsProcessingException(
            LstStudioProcessing.tr("{}: {} must be a raster file (GeoTIFF or another GDAL format).").format(
                name, layer.name()
            )
        )
    return layer.source()


def add_production_parameters(alg) -> None:
    alg.addParameter(product_parameter())
    add_aoi_parameters(alg)
    add_lst_option_parameters(alg)


def add_lst_option_parameters(alg) -> None:
    """ALGORITHM, atmosphere, EMISSIVITY(_CONSTANT), LAND_COVER, DEM, buffers (also used by the batch)."""
    alg.addParameter(
        QgsProcessingParameterEnum(
            "ALGORITHM",
            LstStudioProcessing.tr("LST algorithm"),
            options=[LstStudioProcessing.tr(x) for x in ALGORITHM_LABELS],
            defaultValue=0,
        )
    )
    for name, label in (
        ("WATER_VAPOUR", LstStudioProcessing.tr("Column water vapour (g/cm²)")),
        ("TRANSMITTANCE", LstStudioProcessing.tr("B10 atmospheric transmittance τ")),
        ("UPWELLING", LstStudioProcessing.tr("B10 upwelling radiance L↑ (W m⁻² sr⁻¹ µm⁻¹)")),
        ("DOWNWELLING", LstStudioProcessing.tr("B10 downwelling radiance L↓ (W m⁻² sr⁻¹ µm⁻¹)")),
    ):
        alg.addParameter(
            QgsProcessingParameterNumber(
                name, label, type=QgsProcessingParameterNumber.Double, optional=True, minValue=0.0
            )
        )
    alg.addParameter(
        QgsProcessingParameterEnum(
            "EMISSIVITY",
            LstStudioProcessing.tr("Emissivity"),
            options=[LstStudioProcessing.tr(x) for x in EMISSIVITY_LABELS],
            defaultValue=0,
        )
    )
    alg.addParameter(
        QgsProcessingParameterNumber(
            "EMISSIVITY_CONSTANT",
            LstStudioProcessing.tr("Constant emissivity"),
            type=QgsProcessingParameterNumber.Double,
            optional=True,
            minValue=0.8,
            maxValue=1.0,
        )
    )
    add_land_cover_parameter(alg)
    add_dem_parameter(alg)
    add_reanalysis_parameters(alg)
    add_buffer_parameters(alg)


def _optional_number(alg, parameters, name, context) -> float | None:
    if parameters.get(name) in (None, ""):
        return None
    return alg.parameterAsDouble(parameters, name, context)


def aoi_input(alg, parameters, context) -> Aoi | None:
    """The AOI in WGS84 from the AOI layer (its selected features, else all) or EXTENT; None = whole scene."""
    name = alg.parameterAsString(parameters, "AOI_NAME", context)
    aoi_id = alg.parameterAsString(parameters, "AOI_ID", context)
    layer = alg.parameterAsVectorLayer(parameters, "AOI", context)
    if layer is not None:
        features = list(layer.selectedFeatures()) or list(layer.getFeatures())
        if not features:
            raise QgsProcessingException(
                LstStudioProcessing.tr("The AOI layer {} has no features.").format(layer.name())
            )
        geom = QgsGeometry.unaryUnion([f.geometry() for f in features])
        geom.transform(QgsCoordinateTransform(layer.crs(), WGS84, QgsProject.instance()))
        return Aoi(_geojson(geom), "EPSG:4326", name or layer.name(), aoi_id)
    if parameters.get("EXTENT") not in (None, ""):
        rect = alg.parameterAsExtent(parameters, "EXTENT", context, WGS84)
        if not rect.isEmpty():
            return Aoi.from_bbox(
                rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum(), name=name, id=aoi_id
            )
    return None


def production_inputs(alg, parameters, context) -> tuple[str, Aoi | None, LstOptions]:
    """(product path, AOI in WGS84 or None for the whole scene, options) from the parameters."""
    path = alg.parameterAsFile(parameters, "INPUT", context)
    if not path:
        raise QgsProcessingException(LstStudioProcessing.tr("No input product given."))

    aoi = aoi_input(alg, parameters, context)
    return path, aoi, lst_options_input(alg, parameters, context)


def lst_options_input(alg, parameters, context) -> LstOptions:
    """LstOptions from the parameters of add_lst_option_parameters."""
    atmosphere = AtmosphereInput(water_vapour_gcm2=_optional_number(alg, parameters, "WATER_VAPOUR", context))
    atmosphere.reanalysis = alg.parameterAsFile(parameters, "REANALYSIS", context) or None
    atmosphere.download_era5 = alg.parameterAsBool(parameters, "DOWNLOAD_ERA5", context)
    tau = _optional_number(alg, parameters, "TRANSMITTANCE", context)
    lu = _optional_number(alg, parameters, "UPWELLING", context)
    ld = _optional_number(alg, parameters, "DOWNWELLING", context)
    given = [v is not None for v in (tau, lu, ld)]
    if any(given) and not all(given):
        raise QgsProcessingException(
            LstStudioProcessing.tr(
                "RTE needs all three of transmittance, upwelling and downwelling radiance."
            )
        )
    if all(given):
        atmosphere.transmittance = {"lwir11": tau}
        atmosphere.upwelling = {"lwir11": lu}
        atmosphere.downwelling = {"lwir11": ld}

    options = LstOptions(
        algorithm=ALGORITHMS[alg.parameterAsEnum(parameters, "ALGORITHM", context)],
        atmosphere=atmosphere,
        emissivity=EmissivityOptions(
            method=EMISSIVITY_METHODS[alg.parameterAsEnum(parameters, "EMISSIVITY", context)],
            constant=_optional_number(alg, parameters, "EMISSIVITY_CONSTANT", context),
        ),
        land_cover=raster_file_input(alg, parameters, "LAND_COVER", context),
        dem=raster_file_input(alg, parameters, "DEM", context),
    )
    options.masks.cloud_buffer_px = alg.parameterAsInt(parameters, "CLOUD_BUFFER", context)
    options.masks.shadow_buffer_px = alg.parameterAsInt(parameters, "SHADOW_BUFFER", context)
    if options.emissivity.method == "constant" and options.emissivity.constant is None:
        raise QgsProcessingException(
            LstStudioProcessing.tr("Emissivity 'Constant' needs a value in EMISSIVITY_CONSTANT.")
        )
    return options


def _geojson(geom: QgsGeometry) -> dict:
    import json

    return json.loads(geom.asJson(8))

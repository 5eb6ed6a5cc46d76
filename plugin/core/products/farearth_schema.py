"""Our own minimal JSON Schemas (draft 7) of the FarEarth L1C files we read: only the members the
reader uses, with the types of the FarEarth format book v1.3 (spec-notes §1-2; FarEarth's own
schemas, METADATA_V1_3.json etc., check types only and are reference material we do not ship).

v1.2 differences accepted: bare numbers where v1.3 has ``{units, value}``; ``units`` for ``pixelUnits``;
``dimensions``/``resolution`` for ``imageDimensions``/``spatialResolution``. ``required`` lists only
what the reader cannot do without; everything else is optional and type-checked when present.
"""

from __future__ import annotations

_NUMBER = {"type": "number"}
_VALUE = {  # v1.3 {units, value} or v1.2 bare number; the value may be null (unknown)
    "anyOf": [
        {"type": ["number", "null"]},
        {
            "type": "object",
            "properties": {"value": {"type": ["number", "null"]}, "units": {"type": "string"}},
        },
    ]
}
_STRINGS = {"type": "array", "items": {"type": ["string", "integer"]}}
_PAIR = {"type": "array", "items": _NUMBER, "minItems": 2, "maxItems": 2}
_PER_BAND = {
    "type": "array",
    "items": {"type": "object", "properties": {"band": {"type": ["string", "integer"]}}},
}
_TIME = {"type": ["string", "number"]}

_IMAGE = {
    "type": "object",
    "required": ["image"],
    "properties": {
        "group": {"type": "string"},
        "image": {"type": "string", "minLength": 1},
        "qaMask": {"type": ["string", "null"]},
        "bands": _STRINGS,
        "ids": _STRINGS,
        "angles": {
            "type": "object",
            "properties": {
                k: _VALUE
                for k in ("sunElevation", "sunAzimuth", "viewAzimuth", "viewIncidence", "viewOffNadir")
            },
        },
        "geometric": {
            "type": "object",
            "properties": {
                "projection": {"type": "string"},
                "imageDimensions": {"type": "array", "items": {"type": "integer", "minimum": 1}},
                "dimensions": {"type": "array", "items": {"type": "integer", "minimum": 1}},
                "spatialResolution": _PAIR,
                "resolution": _PAIR,
            },
        },
        "radiometric": {
            "type": "object",
            "properties": {
                "pixelUnits": {"type": "string"},
                "units": {"type": "string"},
                "earthSunDistance": {"type": ["number", "null"]},
                "emissiveConstants": {
                    "type": "array",
                    "items": {"type": "object", "properties": {"constants": {"type": "array"}}},
                },
                "esun": _PER_BAND,
                "radianceConversion": {
                    "type": "array",
                    "items": {"type": "object", "properties": {"gain": _VALUE, "offset": _VALUE}},
                },
                "spectral": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"centerWavelength": _NUMBER, "fullWidthHalfMax": _NUMBER},
                    },
                },
            },
        },
    },
}

PRODUCT = {
    "type": "object",
    "required": ["descriptor", "sensors"],
    "properties": {
        "cloudCover": _VALUE,
        "dayNight": {"type": "string"},
        "viewingAngles": {"type": "string"},
        "spectralResponses": {"type": "string"},
        "thumbnails": {"type": "array"},
        "descriptor": {
            "type": "object",
            "required": ["temporalRange"],
            "properties": {
                "productId": {"type": "string"},
                "spacecraft": {"type": "string"},
                "sensors": _STRINGS,
                "temporalRange": {"type": "object", "properties": {"from": _TIME, "to": _TIME}},
            },
        },
        "sensors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"images": {"type": "array", "items": _IMAGE}},
            },
        },
    },
}

GEOJSON = {  # a missing product is reported by the reader, naming features[0].properties.product
    "type": "object",
    "properties": {
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "geometry": {"type": ["object", "null"]},
                    "properties": {"type": "object", "properties": {"product": PRODUCT}},
                },
            },
        }
    },
}

_MEAN_ANGLE = {
    "type": "object",
    "required": ["zenithAngle", "azimuthAngle"],
    "properties": {"zenithAngle": _NUMBER, "azimuthAngle": _NUMBER},
}
ANGLES = {"type": "object", "properties": {"meanSunAngle": _MEAN_ANGLE}}

_MEASUREMENT = {
    "type": "object",
    "properties": {
        "coordsLonLat": {"type": "array", "items": {"type": "array", "items": _NUMBER}},
        "coordsLatLon": {"type": "array", "items": {"type": "array", "items": _NUMBER}},
        "disparitiesXYInMeters": {"type": "array", "items": {"type": "array", "items": _NUMBER}},
        "scores": {"type": "array", "items": _NUMBER},
        "gsd": _NUMBER,
        "refResolution": {"type": "array", "items": _NUMBER},
    },
}
GVER = {
    "type": "object",
    "required": ["measurements"],
    "properties": {"measurements": {"type": "array", "items": _MEASUREMENT}},
}
POINTING = {"type": "object", "properties": {"measurements": {"type": "array"}}}

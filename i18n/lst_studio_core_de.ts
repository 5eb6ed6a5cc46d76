<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
    <context>
        <name>CoreMessages</name>
        <message>
            <location filename="../plugin/core/aoi.py" line="118" />
            <source>{label}: geometry: the polygon has zero area; expected a polygon enclosing an area</source>
            <translation>{label}: Geometrie: das Polygon hat die Fläche null; erwartet wird ein Polygon, das eine Fläche umschließt</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi.py" line="157" />
            <source>{label}: geometry: entirely outside the scene (AOI bbox {minx:.1f}, {miny:.1f}, {maxx:.1f}, {maxy:.1f} vs scene bounds {bounds} in {crs})</source>
            <translation>{label}: Geometrie: ganz außerhalb der Szene (Umgebungsrechteck des Gebiets {minx:.1f}, {miny:.1f}, {maxx:.1f}, {maxy:.1f}, Szenengrenzen {bounds} in {crs})</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi.py" line="180" />
            <source>{label}: geometry: the polygon covers no scene pixel</source>
            <translation>{label}: Geometrie: das Polygon überdeckt kein Pixel der Szene</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi.py" line="186" />
            <source>{label} is partly outside the scene ({share:.1f} % of its bounding box); only the overlap is processed</source>
            <translation>{label} liegt teilweise außerhalb der Szene ({share:.1f} % seines Umgebungsrechtecks); nur die Überlappung wird prozessiert</translation>
        </message>
        <message>
            <location filename="../plugin/core/errors.py" line="29" />
            <source>field '{field}'</source>
            <translation>Feld '{field}'</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="126" />
            <source>malformed JSON: {reason}</source>
            <translation>fehlerhaftes JSON: {reason}</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="145" />
            <source>{what} not found</source>
            <translation>{what} nicht gefunden</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="184" />
            <source>{value} has the wrong type; expected {expected}</source>
            <translation>{value} hat den falschen Typ; erwartet wird {expected}</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="194" />
            <source>missing; expected this member</source>
            <translation>fehlt; erwartet wird dieses Element</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="196" />
            <source>{value} is out of range; expected {rule} {limit}</source>
            <translation>{value} liegt außerhalb des Bereichs; erwartet wird {rule} {limit}</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="203" />
            <source>{value}; expected one of {choices}</source>
            <translation>{value}; erwartet wird eines von {choices}</translation>
        </message>
        <message>
            <location filename="../plugin/core/pipeline.py" line="174" />
            <source>Geometric verification failed: {error}</source>
            <translation>Geometrische Prüfung fehlgeschlagen: {error}</translation>
        </message>
        <message>
            <location filename="../plugin/core/pipeline.py" line="473" />
            <source>No clear pixel in the AOI (cloud {cloud:.1f} %): LST statistics are empty; LST values under clouds are not surface temperatures</source>
            <translation>Kein wolkenfreies Pixel im Untersuchungsgebiet (Wolken {cloud:.1f} %): die LST-Statistik ist leer; LST-Werte unter Wolken sind keine Oberflächentemperaturen</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/__init__.py" line="37" />
            <source>unrecognised input; expected a FarEarth folder/.zip/.geojson/_product.json or a Landsat folder/.tar/_MTL.txt/_MTL.json</source>
            <translation>unbekannte Eingabe; erwartet wird ein FarEarth-Ordner/.zip/.geojson/_product.json oder ein Landsat-Ordner/.tar/_MTL.txt/_MTL.json</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/__init__.py" line="48" />
            <source>no FarEarth .geojson and no Landsat _MTL.txt/_MTL.json found</source>
            <translation>weder eine FarEarth-.geojson noch eine Landsat-_MTL.txt/_MTL.json gefunden</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/__init__.py" line="55" />
            <source>file or folder not found</source>
            <translation>Datei oder Ordner nicht gefunden</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/base.py" line="114" />
            <source>no such band in this product; expected one of {bands}</source>
            <translation>dieses Band gibt es im Produkt nicht; erwartet wird eines von {bands}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/base.py" line="118" />
            <source>band is unusable: {reason}</source>
            <translation>Band ist unbrauchbar: {reason}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/base.py" line="181" />
            <source>cannot read its pixels ({reason}); expected a complete, readable GeoTIFF</source>
            <translation>Pixel nicht lesbar ({reason}); erwartet wird ein vollständiges, lesbares GeoTIFF</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/base.py" line="218" />
            <source>thermal band {band} holds only fill (no-data) values; expected data</source>
            <translation>Thermalband {band} enthält nur Füllwerte (NoData); erwartet werden Daten</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/base.py" line="223" />
            <source>every thermal pixel of {band} with data is saturated or filled according to the quality band; expected unsaturated thermal data</source>
            <translation>laut Qualitätsband ist jedes Thermalpixel von {band} mit Daten gesättigt oder gefüllt; erwartet werden ungesättigte Thermaldaten</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="473" />
            <source>{field}: no qaMask; saturation and fill flags are unknown for {group}</source>
            <translation>{field}: keine qaMask; Sättigungs- und Füllmarken von {group} sind unbekannt</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="545" />
            <source>dayNight says {day_night} but the sun elevation is {elevation:.2f}°; using the elevation</source>
            <translation>dayNight sagt {day_night}, die Sonnenhöhe ist aber {elevation:.2f}°; die Sonnenhöhe gilt</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="554" />
            <source>no earthSunDistance: reflective radiance assumes d = 1 AU</source>
            <translation>kein earthSunDistance: die reflektive Strahldichte nimmt d = 1 AE an</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="556" />
            <source>earthSunDistance {esd} AU is outside [0.983, 1.017]</source>
            <translation>earthSunDistance {esd} AE liegt außerhalb von [0.983, 1.017]</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="655" />
            <source>viewingAngles file {name} is missing</source>
            <translation>Datei {name} der viewingAngles fehlt</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="391" />
            <source>band {band} (B{number}) unusable: {reason}</source>
            <translation>Band {band} (B{number}) unbrauchbar: {reason}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="412" />
            <source>no usable thermal band: LST cannot be retrieved from this product</source>
            <translation>kein brauchbares Thermalband: aus diesem Produkt lässt sich keine LST ableiten</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="416" />
            <source>the MTL describes another raster size than the band files (a subset or reduced copy of the scene): the grid is taken from the GeoTIFFs; {notes}</source>
            <translation>die MTL beschreibt eine andere Rastergröße als die Banddateien (ein Ausschnitt oder eine verkleinerte Kopie der Szene): das Raster wird aus den GeoTIFFs genommen; {notes}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="435" />
            <source>{key} names {file}, which is not in the product folder: no quality band (fill from DN 0, saturation from QUANTIZE_CAL_MAX, no product cloud mask)</source>
            <translation>{key} nennt {file}, die nicht im Produktordner liegt: kein Qualitätsband (Füllwerte aus DN 0, Sättigung aus QUANTIZE_CAL_MAX, keine Wolkenmaske des Produkts)</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="449" />
            <source>no QA_RADSAT file: saturation taken from DN = QUANTIZE_CAL_MAX</source>
            <translation>keine QA_RADSAT-Datei: Sättigung aus DN = QUANTIZE_CAL_MAX</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/plausibility.py" line="51" />
            <source>{value!r} is a boolean; expected a number</source>
            <translation>{value!r} ist ein Wahrheitswert; erwartet wird eine Zahl</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/plausibility.py" line="57" />
            <source>{value} is not a number; expected a number</source>
            <translation>{value} ist keine Zahl; erwartet wird eine Zahl</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/plausibility.py" line="60" />
            <source>{value!r} is not finite; expected a finite number</source>
            <translation>{value!r} ist nicht endlich; erwartet wird eine endliche Zahl</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/plausibility.py" line="62" />
            <source>{value:g} is outside [{lo}, {hi}]</source>
            <translation>{value:g} liegt außerhalb von [{lo}, {hi}]</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/plausibility.py" line="74" />
            <source>acquisition time {when} is not between the launch of {platform} ({launch}) and tomorrow ({latest})</source>
            <translation>Aufnahmezeit {when} liegt nicht zwischen dem Start von {platform} ({launch}) und morgen ({latest})</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/plausibility.py" line="104" />
            <source>size {width!r} x {height!r}; expected whole numbers of pixels</source>
            <translation>Größe {width!r} x {height!r}; erwartet werden ganze Pixelzahlen</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/plausibility.py" line="110" />
            <source>size {width} x {height} px; expected a positive size</source>
            <translation>Größe {width} x {height} px; erwartet wird eine positive Größe</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/plausibility.py" line="118" />
            <source>size {width} x {height} px needs about {need:.1f} GiB of whole-grid arrays; expected at most {limit:.1f} GiB (half of this machine's memory)</source>
            <translation>Größe {width} x {height} px braucht etwa {need:.1f} GiB für Arrays des ganzen Rasters; erwartet werden höchstens {limit:.1f} GiB (der halbe Arbeitsspeicher dieses Rechners)</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/plausibility.py" line="138" />
            <source>thermal values have a median of {median:.2f} K after scaling; expected brightness temperatures within {range} K (are the stored values in the declared pixel units?)</source>
            <translation>die Thermalwerte haben nach der Skalierung einen Median von {median:.2f} K; erwartet werden Helligkeitstemperaturen in {range} K (sind die gespeicherten Werte in der angegebenen Pixeleinheit?)</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/raster_access.py" line="172" />
            <source>unusable file name ({reason}); expected a GeoTIFF name</source>
            <translation>unbrauchbarer Dateiname ({reason}); erwartet wird der Name eines GeoTIFF</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/raster_access.py" line="175" />
            <source>file not found; expected a GeoTIFF named by the metadata</source>
            <translation>Datei nicht gefunden; erwartet wird ein in den Metadaten genanntes GeoTIFF</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/raster_access.py" line="180" />
            <source>unreadable raster; expected a GeoTIFF ({reason})</source>
            <translation>Raster nicht lesbar; erwartet wird ein GeoTIFF ({reason})</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="101" />
            <source>acquisition {when:%Y-%m-%dT%H:%M:%SZ} is not covered by its times {first:%Y-%m-%dT%H:%MZ} … {last:%Y-%m-%dT%H:%MZ}: expected fields before and after the acquisition (ERA5 is hourly: request the hours around it)</source>
            <translation>die Aufnahme {when:%Y-%m-%dT%H:%M:%SZ} liegt nicht in den Zeiten der Datei {first:%Y-%m-%dT%H:%MZ} … {last:%Y-%m-%dT%H:%MZ}: erwartet werden Felder vor und nach der Aufnahme (ERA5 ist stündlich: die Stunden um die Aufnahme anfordern)</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="125" />
            <source>the scene (lon {lon0:.3f}…{lon1:.3f}, lat {lat0:.3f}…{lat1:.3f}) is not inside the file's area (lon {flon0:.3f}…{flon1:.3f}, lat {flat0:.3f}…{flat1:.3f}): expected an area around the scene</source>
            <translation>die Szene (Lon {lon0:.3f}…{lon1:.3f}, Lat {lat0:.3f}…{lat1:.3f}) liegt nicht im Gebiet der Datei (Lon {flon0:.3f}…{flon1:.3f}, Lat {flat0:.3f}…{flat1:.3f}): erwartet wird ein Gebiet um die Szene</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="194" />
            <source>file not found: expected an ERA5 NetCDF or GRIB file</source>
            <translation>Datei nicht gefunden: erwartet wird eine ERA5-Datei (NetCDF oder GRIB)</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="196" />
            <source>file is empty: expected an ERA5 NetCDF or GRIB file</source>
            <translation>Datei ist leer: erwartet wird eine ERA5-Datei (NetCDF oder GRIB)</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="202" />
            <source>not a NetCDF or GRIB file (unknown signature): corrupt or wrong file</source>
            <translation>keine NetCDF- oder GRIB-Datei (unbekannte Signatur): beschädigte oder falsche Datei</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="214" />
            <source>cannot open as NetCDF ({error}): corrupt or truncated file</source>
            <translation>als NetCDF nicht zu öffnen ({error}): beschädigte oder abgeschnittene Datei</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="229" />
            <source>no time variable: expected valid_time (current CDS) or time (legacy)</source>
            <translation>keine Zeitvariable: erwartet wird valid_time (aktueller CDS) oder time (älteres Format)</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="263" />
            <source>variable tcwv (total column water vapour) missing: request it from the CDS</source>
            <translation>Variable tcwv (Gesamtwasserdampfsäule) fehlt: beim CDS mit anfordern</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="299" />
            <source>tcwv units {units!r} unknown: expected kg m**-2 (or g cm-2)</source>
            <translation>Einheit von tcwv {units!r} unbekannt: erwartet wird kg m**-2 (oder g cm-2)</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="205" />
            <source>Image-based water vapour not possible ({windows} usable clear-land windows, {needed} needed): climatological {w:.2f} g/cm² ({source}); uncertainty is large</source>
            <translation>Wasserdampf aus dem Bild nicht möglich ({windows} brauchbare wolkenfreie Landfenster, {needed} nötig): klimatologische {w:.2f} g/cm² ({source}); die Unsicherheit ist groß</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="214" />
            <source>image (split-window covariance-variance ratio, {citation})</source>
            <translation>Bild (Split-Window-Kovarianz-Varianz-Verhältnis, {citation})</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="224" />
            <source>Water vapour {w:.2f} ± {sigma:.2f} g/cm² estimated from the image (Ren et al. 2015)</source>
            <translation>Wasserdampf {w:.2f} ± {sigma:.2f} g/cm² aus dem Bild geschätzt (Ren et al. 2015)</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="232" />
            <source>Landsat-8 image-based water vapour uses B11, which carries stray light (Montanaro et al. 2014, doi:10.3390/rs61111753): the covariance-variance ratio removes its smooth part, not all of it</source>
            <translation>Der Wasserdampf aus dem Landsat-8-Bild nutzt B11, das Streulicht enthält (Montanaro et al. 2014, doi:10.3390/rs61111753): das Kovarianz-Varianz-Verhältnis entfernt dessen glatten Anteil, nicht alles</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="239" />
            <source>Landsat-9: Landsat-8 covariance-variance-ratio coefficients used (Wang et al. 2023, doi:10.1109/JSTARS.2022.3232621, validate the method for TIRS-2; their coefficients not included)</source>
            <translation>Landsat-9: Koeffizienten des Kovarianz-Varianz-Verhältnisses von Landsat-8 verwendet (Wang et al. 2023, doi:10.1109/JSTARS.2022.3232621, validieren die Methode für TIRS-2; ihre Koeffizienten sind nicht enthalten)</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="340" />
            <source>Band lwir12 unusable: single-channel algorithm used instead of split-window</source>
            <translation>Band lwir12 unbrauchbar: Einkanalverfahren statt Split-Window verwendet</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="360" />
            <source>No water vapour given: climatological {w:.2f} g/cm² ({source}; {description}); uncertainty is large</source>
            <translation>Kein Wasserdampf angegeben: klimatologische {w:.2f} g/cm² ({source}; {description}); die Unsicherheit ist groß</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="368" />
            <source>RTE without a user profile: B10 τ/L↑/L↓ derived from water vapour (JM 2014 ψ)</source>
            <translation>RTE ohne eigenes Profil: τ/L↑/L↓ von B10 aus dem Wasserdampf abgeleitet (JM 2014 ψ)</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="371" />
            <source>Water vapour {w:.2f} g/cm² &gt; 3: {algorithm} errors grow quickly (JM 2014); prefer RTE with a profile</source>
            <translation>Wasserdampf {w:.2f} g/cm² &gt; 3: die Fehler von {algorithm} wachsen schnell (JM 2014); besser RTE mit einem Profil</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="379" />
            <source>Landsat-9: JM 2014 coefficients are those of Landsat-8 TIRS (no published L9 set)</source>
            <translation>Landsat-9: die Koeffizienten von JM 2014 sind die von Landsat-8 TIRS (kein veröffentlichter Satz für L9)</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="454" />
            <source>Emissivity from land-cover classes ({why}): NDVI threshold method needs VNIR</source>
            <translation>Emissivität aus Landbedeckungsklassen ({why}): die NDVI-Schwellenwertmethode braucht VNIR</translation>
        </message>
    </context>
</TS>

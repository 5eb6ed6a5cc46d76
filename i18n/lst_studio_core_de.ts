<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
    <context>
        <name>CoreMessages</name>
        <message>
            <location filename="../plugin/core/acquisition_time.py" line="146" />
            <source>along-track time model spans {first} to {last}, beyond the product's temporal range {start} to {end}</source>
            <translation>das Zeitmodell entlang der Flugbahn reicht von {first} bis {last}, über den Zeitbereich des Produkts {start} bis {end} hinaus</translation>
        </message>
        <message>
            <location filename="../plugin/core/ancillary.py" line="38" />
            <source>not found; expected a raster file</source>
            <translation>nicht gefunden; erwartet wird eine Rasterdatei</translation>
        </message>
        <message>
            <location filename="../plugin/core/ancillary.py" line="43" />
            <source>cannot read it ({error}); expected a GeoTIFF or another GDAL raster</source>
            <translation>nicht lesbar ({error}); erwartet wird ein GeoTIFF oder ein anderes GDAL-Raster</translation>
        </message>
        <message>
            <location filename="../plugin/core/ancillary.py" line="48" />
            <source>expected integer class codes, got {dtype}</source>
            <translation>erwartet werden ganzzahlige Klassencodes, erhalten {dtype}</translation>
        </message>
        <message>
            <location filename="../plugin/core/ancillary.py" line="51" />
            <source>the {what} has no coordinate reference system</source>
            <translation>{what}: kein Koordinatenbezugssystem</translation>
        </message>
        <message>
            <location filename="../plugin/core/ancillary.py" line="68" />
            <source>cannot read the {what}'s pixels ({reason}); expected a complete GeoTIFF</source>
            <translation>die Pixel von {what} können nicht gelesen werden ({reason}); erwartet wird ein vollständiges GeoTIFF</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi.py" line="50" />
            <source>AOI geometry: expected Polygon or MultiPolygon, got {kind!r}</source>
            <translation>Geometrie des Untersuchungsgebiets: erwartet wird Polygon oder MultiPolygon, erhalten {kind!r}</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi.py" line="80" />
            <source>AOI: cannot transform the polygon from {src_crs} to {dst_crs}</source>
            <translation>Untersuchungsgebiet: das Polygon kann nicht von {src_crs} nach {dst_crs} transformiert werden</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi.py" line="98" />
            <source>AOI geometry: no coordinates</source>
            <translation>Geometrie des Untersuchungsgebiets: keine Koordinaten</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi.py" line="120" />
            <source>{label}: geometry.coordinates: expected polygon rings of [x, y] ({error})</source>
            <translation>{label}: geometry.coordinates: erwartet werden Polygonringe aus [x, y] ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi.py" line="130" />
            <source>{label}: geometry: the polygon has zero area; expected a polygon enclosing an area</source>
            <translation>{label}: Geometrie: das Polygon hat die Fläche null; erwartet wird ein Polygon, das eine Fläche umschließt</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi.py" line="157" />
            <source>scene grid: expected a north-up transform, got {transform}</source>
            <translation>Szenenraster: erwartet wird eine nordausgerichtete Transformation, erhalten {transform}</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi.py" line="171" />
            <source>{label}: geometry: entirely outside the scene (AOI bbox {minx:.1f}, {miny:.1f}, {maxx:.1f}, {maxy:.1f} vs scene bounds {bounds} in {crs})</source>
            <translation>{label}: Geometrie: ganz außerhalb der Szene (Umgebungsrechteck des Gebiets {minx:.1f}, {miny:.1f}, {maxx:.1f}, {maxy:.1f}, Szenengrenzen {bounds} in {crs})</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi.py" line="194" />
            <source>{label}: geometry: the polygon covers no scene pixel</source>
            <translation>{label}: Geometrie: das Polygon überdeckt kein Pixel der Szene</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi.py" line="200" />
            <source>{label} is partly outside the scene ({share:.1f} % of its bounding box); only the overlap is processed</source>
            <translation>{label} liegt teilweise außerhalb der Szene ({share:.1f} % seines Umgebungsrechtecks); nur die Überlappung wird prozessiert</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi_masks.py" line="77" />
            <source>Elevation model not read: only the night cloud test uses it</source>
            <translation>Höhenmodell nicht gelesen: nur der nächtliche Wolkentest verwendet es</translation>
        </message>
        <message>
            <location filename="../plugin/core/aoi_masks.py" line="85" />
            <source>Night scene: without both an elevation model and a land-cover map, cold high ground and snow can be flagged as cloud (give both for the night cloud test)</source>
            <translation>Nachtszene: ohne Höhenmodell und Landbedeckungskarte können kaltes Hochland und Schnee als Wolke markiert werden (beide für den nächtlichen Wolkentest angeben)</translation>
        </message>
        <message>
            <location filename="../plugin/core/ard_layers.py" line="241" />
            <source>ANG.txt ephemeris not used: {error}</source>
            <translation>Ephemeriden aus ANG.txt nicht verwendet: {error}</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/cluster.py" line="99" />
            <source>batch: Dask distributed is not importable in this Python; expected the packages python3-dask and python3-distributed (Debian/Ubuntu), or dask and distributed in QGIS's Python</source>
            <translation>Stapel: Dask distributed ist in diesem Python nicht importierbar; erwartet werden die Pakete python3-dask und python3-distributed (Debian/Ubuntu) oder dask und distributed im Python von QGIS</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/cluster.py" line="182" />
            <source>scheduler {scheduler}: cannot connect ({error}); expected the address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786</source>
            <translation>Scheduler {scheduler}: keine Verbindung möglich ({error}); erwartet wird die Adresse eines laufenden Dask-Schedulers, z. B. tcp://10.0.0.5:8786</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/cluster.py" line="193" />
            <source>scheduler {scheduler}: no worker joined within {timeout} s; expected at least one `dask worker` connected to it</source>
            <translation>Scheduler {scheduler}: innerhalb von {timeout} s hat sich kein Worker angemeldet; erwartet wird mindestens ein damit verbundener `dask worker`</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/collection.py" line="68" />
            <source>{path}: cannot read the package's STAC Item ({error})</source>
            <translation>{path}: das STAC-Item des Pakets kann nicht gelesen werden ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/collection.py" line="72" />
            <source>{path}: no package to describe; expected at least one delivery package</source>
            <translation>{path}: kein Paket zu beschreiben; erwartet wird mindestens ein Lieferpaket</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/collection.py" line="112" />
            <source>expected 'Collection'</source>
            <translation>erwartet wird 'Collection'</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/collection.py" line="118" />
            <source>{href!r}; expected the path of a STAC Item</source>
            <translation>{href!r}; erwartet wird der Pfad eines STAC-Items</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/inputs.py" line="97" />
            <source>{source}: item '{item}': expected a local 'self' link or an asset that is a product entry ({suffixes}); remote items must be downloaded first</source>
            <translation>{source}: Item '{item}': erwartet wird ein lokaler 'self'-Link oder ein Asset, das ein Produkteintrag ist ({suffixes}); entfernte Items müssen zuerst heruntergeladen werden</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/inputs.py" line="110" />
            <source>expected the list of STAC items of an ItemCollection</source>
            <translation>erwartet wird die Liste der STAC-Items einer ItemCollection</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/inputs.py" line="115" />
            <source>{kind}; expected a STAC item (object)</source>
            <translation>{kind}; erwartet wird ein STAC-Item (Objekt)</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/inputs.py" line="146" />
            <source>products: nothing found in {sources}; expected product folders, archives, a glob, a list file or a STAC ItemCollection</source>
            <translation>Produkte: nichts gefunden in {sources}; erwartet werden Produktordner, Archive, ein Glob-Muster, eine Listendatei oder eine STAC-ItemCollection</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/inputs.py" line="169" />
            <source>expected a Polygon or MultiPolygon</source>
            <translation>erwartet wird ein Polygon oder MultiPolygon</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/inputs.py" line="174" />
            <source>expected an id property (or feature id)</source>
            <translation>erwartet wird eine id-Eigenschaft (oder Feature-ID)</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/inputs.py" line="195" />
            <source>expected a GeoJSON object</source>
            <translation>erwartet wird ein GeoJSON-Objekt</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/inputs.py" line="198" />
            <source>expected a list of GeoJSON features</source>
            <translation>erwartet wird eine Liste von GeoJSON-Features</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/inputs.py" line="204" />
            <source>{path}: feature {index}: expected a GeoJSON feature (object)</source>
            <translation>{path}: Feature {index}: erwartet wird ein GeoJSON-Feature (Objekt)</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/inputs.py" line="217" />
            <source>{path}: not a readable vector file; expected GeoJSON, GeoPackage, Shapefile, …</source>
            <translation>{path}: keine lesbare Vektordatei; erwartet wird GeoJSON, GeoPackage, Shapefile, …</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/inputs.py" line="245" />
            <source>{path}: AOI file not found; expected a vector file of polygons with id and name</source>
            <translation>{path}: Gebietsdatei nicht gefunden; erwartet wird eine Vektordatei mit Polygonen mit id und name</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/inputs.py" line="250" />
            <source>{path}: no features; expected at least one polygon with id and name</source>
            <translation>{path}: keine Features; erwartet wird mindestens ein Polygon mit id und name</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/inputs.py" line="255" />
            <source>expected unique ids, repeated: {ids}</source>
            <translation>erwartet werden eindeutige ids, wiederholt: {ids}</translation>
        </message>
        <message>
            <location filename="../plugin/core/batch/task.py" line="192" />
            <source>{name}: the package fails its self-check:</source>
            <translation>{name}: das Paket besteht seine Selbstprüfung nicht:</translation>
        </message>
        <message>
            <location filename="../plugin/core/cds_download.py" line="82" />
            <source>CDS download needs the Python package cdsapi (python3-cdsapi)</source>
            <translation>der CDS-Download benötigt das Python-Paket cdsapi (python3-cdsapi)</translation>
        </message>
        <message>
            <location filename="../plugin/core/cds_download.py" line="88" />
            <source>CDS credentials missing: {error}</source>
            <translation>CDS-Zugangsdaten fehlen: {error}</translation>
        </message>
        <message>
            <location filename="../plugin/core/cds_download.py" line="97" />
            <source>CDS request failed ({url}): {error}</source>
            <translation>CDS-Anfrage fehlgeschlagen ({url}): {error}</translation>
        </message>
        <message>
            <location filename="../plugin/core/cds_download.py" line="111" />
            <source>Offline: cannot reach the CDS at {host}:{port} ({error})</source>
            <translation>Offline: der CDS unter {host}:{port} ist nicht erreichbar ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso.py" line="129" />
            <source>expected 1 to 12 months, got {value}</source>
            <translation>erwartet werden 1 bis 12 Monate, erhalten {value}</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso.py" line="136" />
            <source>expected ≥ start year {start}, got {end}</source>
            <translation>erwartet wird ≥ Startjahr {start}, erhalten {end}</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso.py" line="155" />
            <source>expected one of {choices}, got {value!r}</source>
            <translation>erwartet wird eines von {choices}, erhalten {value!r}</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso.py" line="163" />
            <source>expected any of {choices}, got {value!r}</source>
            <translation>erwartet wird eines von {choices}, erhalten {value!r}</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso.py" line="196" />
            <source>expected one or more of {choices}, got {value}</source>
            <translation>erwartet werden eines oder mehrere von {choices}, erhalten {value}</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso.py" line="218" />
            <source>expected GTiff or ENVI, got {value!r}</source>
            <translation>erwartet wird GTiff oder ENVI, erhalten {value!r}</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso_io.py" line="119" />
            <source>expected a georeferenced raster</source>
            <translation>erwartet wird ein georeferenziertes Raster</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso_io.py" line="122" />
            <source>not a readable GeoTIFF ({error})</source>
            <translation>kein lesbares GeoTIFF ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso_io.py" line="151" />
            <source>expected a STAC item with a time ({error})</source>
            <translation>erwartet wird ein STAC-Item mit einer Zeit ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso_io.py" line="158" />
            <source>no acquisition time: expected *_METADATA.json or a name ending _YYYYMMDDTHHMMSSZ</source>
            <translation>keine Aufnahmezeit: erwartet wird *_METADATA.json oder ein Name, der auf _YYYYMMDDTHHMMSSZ endet</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso_io.py" line="168" />
            <source>expected a delivery package with *_QA.tif or *_CLOUD_MASK.tif</source>
            <translation>erwartet wird ein Lieferpaket mit *_QA.tif oder *_CLOUD_MASK.tif</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso_io.py" line="199" />
            <source>expected a zipped delivery package with *_QA.tif or *_CLOUD_MASK.tif</source>
            <translation>erwartet wird ein gezipptes Lieferpaket mit *_QA.tif oder *_CLOUD_MASK.tif</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso_io.py" line="255" />
            <source>input does not exist; expected a delivery package or Level-1C product</source>
            <translation>Eingabe existiert nicht; erwartet wird ein Lieferpaket oder ein Level-1C-Produkt</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso_io.py" line="302" />
            <source>{path}: a Level-1C input needs a work folder for its computed masks</source>
            <translation>{path}: eine Level-1C-Eingabe braucht einen Arbeitsordner für ihre berechneten Masken</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso_io.py" line="387" />
            <source>{path}: exists; choose another output folder or allow overwriting</source>
            <translation>{path}: existiert bereits; wählen Sie einen anderen Ausgabeordner oder erlauben Sie das Überschreiben</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso_io.py" line="577" />
            <source>expected at least one delivery package or Level-1C product</source>
            <translation>erwartet wird mindestens ein Lieferpaket oder Level-1C-Produkt</translation>
        </message>
        <message>
            <location filename="../plugin/core/cso_io.py" line="588" />
            <source>no observation in {start}-{end} (inputs span {first} to {last})</source>
            <translation>keine Beobachtung in {start}-{end} (die Eingaben reichen von {first} bis {last})</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/cog.py" line="243" />
            <source>{path}: cannot read the {layer} result raster ({error})</source>
            <translation>{path}: das Ergebnisraster {layer} kann nicht gelesen werden ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/cog.py" line="322" />
            <source>{path}: GDAL cannot open the temporary raster ({error})</source>
            <translation>{path}: GDAL kann das temporäre Raster nicht öffnen ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/cog.py" line="338" />
            <source>{path}: GDAL COG driver failed ({error})</source>
            <translation>{path}: GDAL-COG-Treiber fehlgeschlagen ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/facts.py" line="54" />
            <source>result metadata: field '{field}' = {value!r} is not an ISO 8601 time</source>
            <translation>Ergebnismetadaten: Feld '{field}' = {value!r} ist keine ISO-8601-Zeit</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/facts.py" line="118" />
            <source>result metadata: field 'scene.acquisition_datetime' missing; expected ISO 8601 UTC</source>
            <translation>Ergebnismetadaten: Feld 'scene.acquisition_datetime' fehlt; erwartet wird ISO 8601 in UTC</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/naming.py" line="62" />
            <source>delivery name: {what} {text!r} has no letters or digits; expected e.g. 'LST'</source>
            <translation>Liefername: {what} {text!r} hat keine Buchstaben oder Ziffern; erwartet wird z. B. 'LST'</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/naming.py" line="74" />
            <source>delivery name: acquisition time has no time zone; expected UTC</source>
            <translation>Liefername: die Aufnahmezeit hat keine Zeitzone; erwartet wird UTC</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/package.py" line="100" />
            <source>{path}: the result has no LST raster; expected rasters['LST']</source>
            <translation>{path}: das Ergebnis hat kein LST-Raster; erwartet wird rasters['LST']</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/package.py" line="122" />
            <source>{path}: a package with this name exists; choose overwrite to replace it</source>
            <translation>{path}: ein Paket mit diesem Namen existiert bereits; wählen Sie Überschreiben, um es zu ersetzen</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/package.py" line="327" />
            <source>{path}: result raster {key} cannot be read ({error}); expected a GeoTIFF</source>
            <translation>{path}: Ergebnisraster {key} kann nicht gelesen werden ({error}); erwartet wird ein GeoTIFF</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/package.py" line="336" />
            <source>{path}: result raster {key} is {width} x {height} px; expected the result grid {grid_width} x {grid_height}</source>
            <translation>{path}: Ergebnisraster {key} hat {width} x {height} px; erwartet wird das Ergebnisraster {grid_width} x {grid_height}</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/package.py" line="502" />
            <source>{path}: cannot move the package into place ({error})</source>
            <translation>{path}: das Paket kann nicht an seinen Platz verschoben werden ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/quicklook.py" line="169" />
            <source>{path}: VNIR layer lacks band(s) {missing}; expected red, green and blue</source>
            <translation>{path}: der VNIR-Ebene fehlen Bänder {missing}; erwartet werden Rot, Grün und Blau</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/quicklook.py" line="207" />
            <source>{path}: cannot open the quicklook ({error})</source>
            <translation>{path}: die Schnellansicht kann nicht geöffnet werden ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/quicklook.py" line="223" />
            <source>{path}: GDAL JPEG driver failed ({error})</source>
            <translation>{path}: GDAL-JPEG-Treiber fehlgeschlagen ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/workspace.py" line="138" />
            <source>{path}: the output path is a file; expected a folder</source>
            <translation>{path}: der Ausgabepfad ist eine Datei; erwartet wird ein Ordner</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/workspace.py" line="146" />
            <source>{path}: is a file; expected a folder on the way to the output folder {out_dir}</source>
            <translation>{path}: ist eine Datei; erwartet wird ein Ordner auf dem Weg zum Ausgabeordner {out_dir}</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/workspace.py" line="154" />
            <source>{path}: the output folder is not writable; expected write permission</source>
            <translation>{path}: der Ausgabeordner ist nicht beschreibbar; erwartet wird Schreibberechtigung</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/workspace.py" line="160" />
            <source>{path}: only {free} MB free; expected at least {needed} MB for a package</source>
            <translation>{path}: nur {free} MB frei; erwartet werden mindestens {needed} MB für ein Paket</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/workspace.py" line="190" />
            <source>{path}: cannot create or write the output folder ({error})</source>
            <translation>{path}: der Ausgabeordner kann nicht angelegt oder beschrieben werden ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/workspace.py" line="240" />
            <source>{path}: writing into the output folder failed ({reason}); expected a writable folder with free space. Nothing of this run was kept.</source>
            <translation>{path}: Schreiben in den Ausgabeordner fehlgeschlagen ({reason}); erwartet wird ein beschreibbarer Ordner mit freiem Speicherplatz. Von diesem Lauf wurde nichts behalten.</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/workspace.py" line="284" />
            <source>{path}: the work place keeps disappearing; expected a folder this run can use</source>
            <translation>{path}: der Arbeitsordner verschwindet immer wieder; erwartet wird ein Ordner, den dieser Lauf nutzen kann</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/workspace.py" line="338" />
            <source>{path}: another run (process {pid} on host {host}) is writing this package; expected the package name to be free (if no run is writing it, delete {lock})</source>
            <translation>{path}: ein anderer Lauf (Prozess {pid} auf Rechner {host}) schreibt dieses Paket; erwartet wird, dass der Paketname frei ist (wenn kein Lauf es schreibt, löschen Sie {lock})</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/workspace.py" line="353" />
            <source>{path}: cannot claim the package name (lock {lock} is contended)</source>
            <translation>{path}: der Paketname kann nicht belegt werden (Sperre {lock} ist umkämpft)</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/workspace.py" line="406" />
            <source>{path}: the package cannot be read after the move ({error})</source>
            <translation>{path}: das Paket kann nach dem Verschieben nicht gelesen werden ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/delivery/workspace.py" line="413" />
            <source>{path}: after the move the folder is not the package this run wrote (missing {missing}, changed {changed}, unexpected {extra})</source>
            <translation>{path}: nach dem Verschieben ist der Ordner nicht das Paket, das dieser Lauf geschrieben hat (fehlend {missing}, geändert {changed}, unerwartet {extra})</translation>
        </message>
        <message>
            <location filename="../plugin/core/ephemeris.py" line="51" />
            <source>missing; expected the spacecraft ephemeris</source>
            <translation>fehlt; erwartet werden die Ephemeriden des Satelliten</translation>
        </message>
        <message>
            <location filename="../plugin/core/ephemeris.py" line="60" />
            <source>missing or not a list of numbers</source>
            <translation>fehlt oder ist keine Liste von Zahlen</translation>
        </message>
        <message>
            <location filename="../plugin/core/ephemeris.py" line="64" />
            <source>expected {count} (&gt;= 2) points per coordinate</source>
            <translation>erwartet werden {count} (&gt;= 2) Punkte pro Koordinate</translation>
        </message>
        <message>
            <location filename="../plugin/core/ephemeris.py" line="75" />
            <source>missing; expected the ephemeris epoch</source>
            <translation>fehlt; erwartet wird die Epoche der Ephemeriden</translation>
        </message>
        <message>
            <location filename="../plugin/core/errors.py" line="33" />
            <source>field '{field}'</source>
            <translation>Feld '{field}'</translation>
        </message>
        <message>
            <location filename="../plugin/core/geoverify/measure.py" line="394" />
            <source>cloud mask shape {shape} differs from the window's {window}</source>
            <translation>Form der Wolkenmaske {shape} weicht von der des Fensters {window} ab</translation>
        </message>
        <message>
            <location filename="../plugin/core/geoverify/measure.py" line="403" />
            <source>band pair with {name!r}: the scene has no such band (it has {bands})</source>
            <translation>Bandpaar mit {name!r}: die Szene hat kein solches Band (sie hat {bands})</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="109" />
            <source>nested deeper than {max_depth} levels</source>
            <translation>tiefer als {max_depth} Ebenen verschachtelt</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="128" />
            <source>nested too deeply; expected at most {max_depth} levels</source>
            <translation>zu tief verschachtelt; erwartet werden höchstens {max_depth} Ebenen</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="132" />
            <source>malformed JSON: {reason}</source>
            <translation>fehlerhaftes JSON: {reason}</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="146" />
            <source>the {what} is {size} bytes; expected at most {max_bytes} for a metadata file</source>
            <translation>{what}: {size} Byte; erwartet werden höchstens {max_bytes} für eine Metadatendatei</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="156" />
            <source>{what} not found</source>
            <translation>{what} nicht gefunden</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="159" />
            <source>cannot read the {what} ({error})</source>
            <translation>{what} kann nicht gelesen werden ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="165" />
            <source>the {what} is over {max_bytes} bytes; expected a metadata file</source>
            <translation>{what}: mehr als {max_bytes} Byte; erwartet wird eine Metadatendatei</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="177" />
            <source>the {what} is not UTF-8 text ({reason})</source>
            <translation>{what}: kein UTF-8-Text ({reason})</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="205" />
            <source>{value} has the wrong type; expected {expected}</source>
            <translation>{value} hat den falschen Typ; erwartet wird {expected}</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="215" />
            <source>missing; expected this member</source>
            <translation>fehlt; erwartet wird dieses Element</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="217" />
            <source>{value} is out of range; expected {rule} {limit}</source>
            <translation>{value} liegt außerhalb des Bereichs; erwartet wird {rule} {limit}</translation>
        </message>
        <message>
            <location filename="../plugin/core/jsonload.py" line="224" />
            <source>{value}; expected one of {choices}</source>
            <translation>{value}; erwartet wird eines von {choices}</translation>
        </message>
        <message>
            <location filename="../plugin/core/landcover.py" line="144" />
            <source>Land cover {name}: {share:.1f} % of the pixels have codes outside the ESA WorldCover legend ({codes}); they are ignored</source>
            <translation>Landbedeckung {name}: {share:.1f} % der Pixel haben Codes außerhalb der ESA-WorldCover-Legende ({codes}); sie werden ignoriert</translation>
        </message>
        <message>
            <location filename="../plugin/core/landcover.py" line="153" />
            <source>no ESA WorldCover class over the area (does the land cover cover the scene?)</source>
            <translation>keine ESA-WorldCover-Klasse über dem Gebiet (deckt die Landbedeckung die Szene ab?)</translation>
        </message>
        <message>
            <location filename="../plugin/core/landcover.py" line="158" />
            <source>Land cover {name} covers {coverage:.1f} % of the area; elsewhere emissivity and the night cloud test do without it</source>
            <translation>Landbedeckung {name} deckt {coverage:.1f} % des Gebiets ab; anderswo kommen Emissivität und der nächtliche Wolkentest ohne sie aus</translation>
        </message>
        <message>
            <location filename="../plugin/core/masks.py" line="262" />
            <source>no usable thermal band (lwir11 or lwir12): the masks need BT</source>
            <translation>kein brauchbares thermisches Band (lwir11 oder lwir12): die Masken brauchen die Helligkeitstemperatur</translation>
        </message>
        <message>
            <location filename="../plugin/core/pipeline.py" line="186" />
            <source>Geometric verification failed: {error}</source>
            <translation>Geometrische Prüfung fehlgeschlagen: {error}</translation>
        </message>
        <message>
            <location filename="../plugin/core/pipeline.py" line="480" />
            <source>{path}: no thermal data inside the AOI (all pixels are fill or outside the footprint)</source>
            <translation>{path}: keine thermischen Daten im Untersuchungsgebiet (alle Pixel sind Füllwerte oder liegen außerhalb der Aufnahmefläche)</translation>
        </message>
        <message>
            <location filename="../plugin/core/pipeline.py" line="592" />
            <source>No clear pixel in the AOI (cloud {cloud:.1f} %): LST statistics are empty; LST values under clouds are not surface temperatures</source>
            <translation>Kein wolkenfreies Pixel im Untersuchungsgebiet (Wolken {cloud:.1f} %): die LST-Statistik ist leer; LST-Werte unter Wolken sind keine Oberflächentemperaturen</translation>
        </message>
        <message>
            <location filename="../plugin/core/pixel_info.py" line="51" />
            <source>{path}: cannot be read for the pixel inspector ({kind}): {error}</source>
            <translation>{path}: kann für den Pixelinspektor nicht gelesen werden ({kind}): {error}</translation>
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
            <location filename="../plugin/core/products/archive.py" line="50" />
            <source>{count} members; expected at most {limit}</source>
            <translation>{count} Einträge; erwartet werden höchstens {limit}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/archive.py" line="57" />
            <source>unpacks to {total} bytes; expected at most {limit} bytes</source>
            <translation>entpackt zu {total} Byte; erwartet werden höchstens {limit} Byte</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/archive.py" line="78" />
            <source>compression ratio {ratio:.0f}:1; expected at most {limit:g}:1</source>
            <translation>Kompressionsverhältnis {ratio:.0f}:1; erwartet wird höchstens {limit:g}:1</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/archive.py" line="94" />
            <source>unpacks to more bytes than the archive declares; refused</source>
            <translation>entpackt zu mehr Byte, als das Archiv angibt; abgelehnt</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/archive.py" line="118" />
            <source>archive member has an absolute path; expected a relative path</source>
            <translation>Archiveintrag hat einen absoluten Pfad; erwartet wird ein relativer Pfad</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/archive.py" line="121" />
            <source>archive member path leaves the product folder ('..')</source>
            <translation>Pfad des Archiveintrags verlässt den Produktordner ('..')</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/archive.py" line="124" />
            <source>archive member path leaves the extraction folder</source>
            <translation>Pfad des Archiveintrags verlässt den Entpackordner</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/archive.py" line="133" />
            <source>archive not found</source>
            <translation>Archiv nicht gefunden</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/archive.py" line="149" />
            <source>unreadable archive ({error}); expected a complete .zip or .tar</source>
            <translation>unlesbares Archiv ({error}); erwartet wird eine vollständige .zip- oder .tar-Datei</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/archive.py" line="167" />
            <source>archive member is a symbolic link; refused</source>
            <translation>Archiveintrag ist ein symbolischer Link; abgelehnt</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/archive.py" line="189" />
            <source>archive member is a link or special file; expected regular files</source>
            <translation>Archiveintrag ist ein Link oder eine Spezialdatei; erwartet werden reguläre Dateien</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/archive.py" line="200" />
            <source>cannot read archive member</source>
            <translation>Archiveintrag kann nicht gelesen werden</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/base.py" line="125" />
            <source>no such band in this product; expected one of {bands}</source>
            <translation>dieses Band gibt es im Produkt nicht; erwartet wird eines von {bands}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/base.py" line="129" />
            <source>band is unusable: {reason}</source>
            <translation>Band ist unbrauchbar: {reason}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/base.py" line="199" />
            <source>cannot read its pixels ({reason}); expected a complete, readable GeoTIFF</source>
            <translation>Pixel nicht lesbar ({reason}); erwartet wird ein vollständiges, lesbares GeoTIFF</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/base.py" line="236" />
            <source>thermal band {band} holds only fill (no-data) values; expected data</source>
            <translation>Thermalband {band} enthält nur Füllwerte (NoData); erwartet werden Daten</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/base.py" line="241" />
            <source>every thermal pixel of {band} with data is saturated or filled according to the quality band; expected unsaturated thermal data</source>
            <translation>laut Qualitätsband ist jedes Thermalpixel von {band} mit Daten gesättigt oder gefüllt; erwartet werden ungesättigte Thermaldaten</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/calibration.py" line="40" />
            <source>missing; expected [K1, K2] for a thermal band</source>
            <translation>fehlt; erwartet wird [K1, K2] für ein thermisches Band</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/calibration.py" line="45" />
            <source>{constants!r} is not a list of numbers; expected [K1, K2]</source>
            <translation>{constants!r} ist keine Liste von Zahlen; erwartet wird [K1, K2]</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/calibration.py" line="49" />
            <source>{count} values; expected exactly 2 ([K1, K2])</source>
            <translation>{count} Werte; erwartet werden genau 2 ([K1, K2])</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/calibration.py" line="53" />
            <source>{values} is not finite; expected [K1, K2]</source>
            <translation>{values} ist nicht endlich; erwartet wird [K1, K2]</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/calibration.py" line="56" />
            <source>unity constants (1, 1) mark a reflective band; a thermal band needs [K1, K2]</source>
            <translation>Einheitskonstanten (1, 1) kennzeichnen ein reflektives Band; ein thermisches Band braucht [K1, K2]</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/calibration.py" line="62" />
            <source>[{k1}, {k2}] has K1 &gt;= K2; expected [K1, K2] with K1 &lt; K2 (swapped order?)</source>
            <translation>[{k1}, {k2}] hat K1 &gt;= K2; erwartet wird [K1, K2] mit K1 &lt; K2 (Reihenfolge vertauscht?)</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/calibration.py" line="68" />
            <source>[{k1}, {k2}] is not a plausible [K1, K2]; expected K1 in {k1_range} and K2 in {k2_range}</source>
            <translation>[{k1}, {k2}] ist kein plausibles [K1, K2]; erwartet wird K1 in {k1_range} und K2 in {k2_range}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/calibration.py" line="82" />
            <source>{field}: [K1, K2] = [{k1}, {k2}] deviates by {dev:.1%} from the USGS values [{ref_k1}, {ref_k2}] for {platform} {band}</source>
            <translation>{field}: [K1, K2] = [{k1}, {k2}] weicht um {dev:.1%} von den USGS-Werten [{ref_k1}, {ref_k2}] für {platform} {band} ab</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="94" />
            <source>{shown} is not a time; expected an ISO-8601 UTC string</source>
            <translation>{shown} ist keine Zeitangabe; erwartet wird eine ISO-8601-Zeichenkette in UTC</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="122" />
            <source>no FarEarth &lt;ID&gt;.geojson metadata file in the folder</source>
            <translation>keine FarEarth-Metadatendatei &lt;ID&gt;.geojson im Ordner</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="127" />
            <source>{count} .geojson files ({names}); expected one product per folder</source>
            <translation>{count} .geojson-Dateien ({names}); erwartet wird ein Produkt pro Ordner</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="147" />
            <source>not a FarEarth product; expected a folder, .geojson or _product.json</source>
            <translation>kein FarEarth-Produkt; erwartet wird ein Ordner, eine .geojson oder eine _product.json</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="173" />
            <source>no ESUN or radianceConversion for band {name}</source>
            <translation>kein ESUN und keine radianceConversion für Band {name}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="257" />
            <source>unexpected structure ({kind}: {error}); expected FarEarth L1C v1.3</source>
            <translation>unerwartete Struktur ({kind}: {error}); erwartet wird FarEarth L1C v1.3</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="287" />
            <source>missing; expected a FarEarth FeatureCollection</source>
            <translation>fehlt; erwartet wird eine FarEarth-FeatureCollection</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="304" />
            <source>missing; expected the acquisition start</source>
            <translation>fehlt; erwartet wird der Aufnahmebeginn</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="309" />
            <source>'to' is before 'from'</source>
            <translation>'to' liegt vor 'from'</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="320" />
            <source>expected an object</source>
            <translation>erwartet wird ein Objekt</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="323" />
            <source>no band groups; expected VNIR and TIR images</source>
            <translation>keine Bandgruppen; erwartet werden VNIR- und TIR-Bilder</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="330" />
            <source>{platform} has no thermal band group; expected a thermal sensor such as LANDSAT-8 or LANDSAT-9 TIRS</source>
            <translation>{platform} hat keine thermische Bandgruppe; erwartet wird ein Thermalsensor wie LANDSAT-8 oder LANDSAT-9 TIRS</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="338" />
            <source>no thermal group; expected a group with pixelUnits '{units}' (e.g. TIR)</source>
            <translation>keine thermische Gruppe; erwartet wird eine Gruppe mit pixelUnits '{units}' (z. B. TIR)</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="344" />
            <source>{platform} is not supported; expected one of {platforms}</source>
            <translation>{platform} wird nicht unterstützt; erwartet wird eines von {platforms}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="362" />
            <source>unknown pixel units {units!r}; expected '{reflectance}' or '{bt}'</source>
            <translation>unbekannte Pixeleinheiten {units!r}; erwartet wird '{reflectance}' oder '{bt}'</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="381" />
            <source>missing; expected the group's GeoTIFF file name</source>
            <translation>fehlt; erwartet wird der GeoTIFF-Dateiname der Gruppe</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="393" />
            <source>missing; expected the band names in file order</source>
            <translation>fehlt; erwartet werden die Bandnamen in der Reihenfolge der Datei</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="399" />
            <source>the GeoTIFF has {count} bands but the metadata lists {names} names and {ids} ids; expected equal counts</source>
            <translation>das GeoTIFF hat {count} Bänder, die Metadaten nennen aber {names} Namen und {ids} IDs; erwartet werden gleiche Anzahlen</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="406" />
            <source>the GeoTIFF has {count} bands but the metadata lists {names} names; expected equal counts</source>
            <translation>das GeoTIFF hat {count} Bänder, die Metadaten nennen aber {names} Namen; erwartet werden gleiche Anzahlen</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="417" />
            <source>{field}.radiometric names bands {unknown} that are not in bands/ids</source>
            <translation>{field}.radiometric nennt Bänder {unknown}, die nicht in bands/ids stehen</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="450" />
            <source>{kind} data stored as {dtype}; expected 16-bit integers for pixel units {units!r}</source>
            <translation>{kind}-Daten als {dtype} gespeichert; erwartet werden 16-Bit-Ganzzahlen für die Pixeleinheiten {units!r}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="479" />
            <source>{field}: band {band} has no known common name; ignored</source>
            <translation>{field}: Band {band} hat keinen bekannten gebräuchlichen Namen; ignoriert</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="487" />
            <source>band {band} ({common}) is {kind} but the group's units are {units!r}</source>
            <translation>Band {band} ({common}) ist {kind}, die Einheiten der Gruppe sind aber {units!r}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="496" />
            <source>band {common} appears twice</source>
            <translation>Band {common} kommt zweimal vor</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="534" />
            <source>{field}: no qaMask; saturation and fill flags are unknown for {group}</source>
            <translation>{field}: keine qaMask; Sättigungs- und Füllmarken von {group} sind unbekannt</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="548" />
            <source>size {width}x{height} differs from the image {image_width}x{image_height}</source>
            <translation>Größe {width}x{height} weicht vom Bild {image_width}x{image_height} ab</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="564" />
            <source>no TIR1/TIR2 (lwir11/lwir12) band found</source>
            <translation>kein TIR1/TIR2-Band (lwir11/lwir12) gefunden</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="598" />
            <source>expected an object with zenithAngle and azimuthAngle</source>
            <translation>erwartet wird ein Objekt mit zenithAngle und azimuthAngle</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="603" />
            <source>missing; expected the mean sun angle in degrees</source>
            <translation>fehlt; erwartet wird der mittlere Sonnenwinkel in Grad</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="611" />
            <source>missing; expected the scene sun elevation</source>
            <translation>fehlt; erwartet wird die Sonnenhöhe der Szene</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="618" />
            <source>dayNight says {day_night} but the sun elevation is {elevation:.2f}°; using the elevation</source>
            <translation>dayNight sagt {day_night}, die Sonnenhöhe ist aber {elevation:.2f}°; die Sonnenhöhe gilt</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="627" />
            <source>no earthSunDistance: reflective radiance assumes d = 1 AU</source>
            <translation>kein earthSunDistance: die reflektive Strahldichte nimmt d = 1 AE an</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="629" />
            <source>earthSunDistance {esd} AU is outside [0.983, 1.017]</source>
            <translation>earthSunDistance {esd} AE liegt außerhalb von [0.983, 1.017]</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="655" />
            <source>{proj!r}; expected 'EPSG:&lt;code&gt;'</source>
            <translation>{proj!r}; erwartet wird 'EPSG:&lt;Code&gt;'</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="661" />
            <source>{proj} differs from the GeoTIFF CRS (EPSG:{epsg}) of {image}</source>
            <translation>{proj} weicht vom KBS des GeoTIFF (EPSG:{epsg}) von {image} ab</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="672" />
            <source>{dims!r}; expected [width, height] in pixels</source>
            <translation>{dims!r}; erwartet wird [Breite, Höhe] in Pixeln</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="675" />
            <source>{dims!r}; expected whole numbers of pixels</source>
            <translation>{dims!r}; erwartet werden ganze Pixelzahlen</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="681" />
            <source>{dims} differs from the GeoTIFF size {width}x{height} of {image}</source>
            <translation>{dims} weicht von der GeoTIFF-Größe {width}x{height} von {image} ab</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="698" />
            <source>{res} differs from the GeoTIFF pixel size ({gx}, {gy}) of {image}</source>
            <translation>{res} weicht von der GeoTIFF-Pixelgröße ({gx}, {gy}) von {image} ab</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="722" />
            <source>expected the rings of a {geometry}</source>
            <translation>erwartet werden die Ringe eines {geometry}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="730" />
            <source>expected [lon, lat] pairs</source>
            <translation>erwartet werden [Länge, Breite]-Paare</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="734" />
            <source>expected finite coordinates</source>
            <translation>erwartet werden endliche Koordinaten</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="751" />
            <source>viewingAngles file {name} is missing</source>
            <translation>Datei {name} der viewingAngles fehlt</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="755" />
            <source>expected a JSON object with meanSunAngle/sunAngles</source>
            <translation>erwartet wird ein JSON-Objekt mit meanSunAngle/sunAngles</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/farearth.py" line="784" />
            <source>expected a list of pointing measurements</source>
            <translation>erwartet wird eine Liste von Ausrichtungsmessungen</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/gver.py" line="52" />
            <source>expected a list of tiepoint measurements</source>
            <translation>erwartet wird eine Liste von Passpunktmessungen</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/gver.py" line="58" />
            <source>{kind}; expected a measurement object</source>
            <translation>{kind}; erwartet wird ein Messungsobjekt</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/gver.py" line="64" />
            <source>expected coordsLonLat (or coordsLatLon) and disparitiesXYInMeters</source>
            <translation>erwartet werden coordsLonLat (oder coordsLatLon) und disparitiesXYInMeters</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/gver.py" line="70" />
            <source>{coords} coordinates but {disparities} disparities; expected equal counts</source>
            <translation>{coords} Koordinaten, aber {disparities} Versätze; erwartet werden gleiche Anzahlen</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/gver.py" line="78" />
            <source>expected 2 or 4 values per tiepoint</source>
            <translation>erwartet werden 2 oder 4 Werte pro Passpunkt</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/gver.py" line="80" />
            <source>expected [dx, dy] per tiepoint</source>
            <translation>erwartet wird [dx, dy] pro Passpunkt</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/gver.py" line="86" />
            <source>non-numeric tiepoint values ({error}); expected numbers</source>
            <translation>nichtnumerische Passpunktwerte ({error}); erwartet werden Zahlen</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="97" />
            <source>expected a JSON object with the MTL groups</source>
            <translation>erwartet wird ein JSON-Objekt mit den MTL-Gruppen</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="115" />
            <source>{line!r}; expected 'KEY = VALUE', GROUP or END</source>
            <translation>{line!r}; erwartet wird 'KEY = VALUE', GROUP oder END</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="125" />
            <source>END_GROUP = {value} does not close the open group</source>
            <translation>END_GROUP = {value} schließt die offene Gruppe nicht</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="131" />
            <source>truncated MTL: groups not closed or END missing</source>
            <translation>abgeschnittene MTL: Gruppen nicht geschlossen oder END fehlt</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="159" />
            <source>missing from the MTL</source>
            <translation>fehlt in der MTL</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="166" />
            <source>missing from the MTL; expected a number</source>
            <translation>fehlt in der MTL; erwartet wird eine Zahl</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="173" />
            <source>{shown} is not a number; expected a number</source>
            <translation>{shown} ist keine Zahl; erwartet wird eine Zahl</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="179" />
            <source>{value!r} is not finite; expected a finite number</source>
            <translation>{value!r} ist nicht endlich; erwartet wird eine endliche Zahl</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="197" />
            <source>no Landsat *_MTL.txt or *_MTL.json in the folder</source>
            <translation>keine Landsat-*_MTL.txt oder -*_MTL.json im Ordner</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="208" />
            <source>{date!r}; expected YYYY-MM-DD</source>
            <translation>{date!r}; erwartet wird JJJJ-MM-TT</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="212" />
            <source>{clock!r}; expected HH:MM:SS.fffffffZ</source>
            <translation>{clock!r}; erwartet wird HH:MM:SS.fffffffZ</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="337" />
            <source>missing; expected an MTL with LANDSAT_METADATA_FILE or L1_METADATA_FILE</source>
            <translation>fehlt; erwartet wird eine MTL mit LANDSAT_METADATA_FILE oder L1_METADATA_FILE</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="348" />
            <source>{level}; expected a Level-1 product (L1TP/L1GT/L1GS)</source>
            <translation>{level}; erwartet wird ein Level-1-Produkt (L1TP/L1GT/L1GS)</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="355" />
            <source>{spacecraft} is not supported; expected LANDSAT_8 or LANDSAT_9 (OLI/TIRS thermal constants)</source>
            <translation>{spacecraft} wird nicht unterstützt; erwartet wird LANDSAT_8 oder LANDSAT_9 (thermische Konstanten von OLI/TIRS)</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="361" />
            <source>missing; expected TIRS thermal constants</source>
            <translation>fehlt; erwartet werden die thermischen Konstanten von TIRS</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="376" />
            <source>{value} outside [-90, 90] degrees</source>
            <translation>{value} außerhalb von [-90, 90] Grad</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="394" />
            <source>{count} bands in the GeoTIFF; expected 1 band per file</source>
            <translation>{count} Bänder im GeoTIFF; erwartet wird 1 Band pro Datei</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="431" />
            <source>band {band} (B{number}) unusable: {reason}</source>
            <translation>Band {band} (B{number}) unbrauchbar: {reason}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="450" />
            <source>missing; expected the TIRS band 10/11 files</source>
            <translation>fehlt; erwartet werden die Dateien der TIRS-Bänder 10/11</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="452" />
            <source>no usable thermal band: LST cannot be retrieved from this product</source>
            <translation>kein brauchbares Thermalband: aus diesem Produkt lässt sich keine LST ableiten</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="456" />
            <source>the MTL describes another raster size than the band files (a subset or reduced copy of the scene): the grid is taken from the GeoTIFFs; {notes}</source>
            <translation>die MTL beschreibt eine andere Rastergröße als die Banddateien (ein Ausschnitt oder eine verkleinerte Kopie der Szene): das Raster wird aus den GeoTIFFs genommen; {notes}</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="475" />
            <source>{key} names {file}, which is not in the product folder: no quality band (fill from DN 0, saturation from QUANTIZE_CAL_MAX, no product cloud mask)</source>
            <translation>{key} nennt {file}, die nicht im Produktordner liegt: kein Qualitätsband (Füllwerte aus DN 0, Sättigung aus QUANTIZE_CAL_MAX, keine Wolkenmaske des Produkts)</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="489" />
            <source>no QA_RADSAT file: saturation taken from DN = QUANTIZE_CAL_MAX</source>
            <translation>keine QA_RADSAT-Datei: Sättigung aus DN = QUANTIZE_CAL_MAX</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/landsat.py" line="517" />
            <source>UTM zone {zone} (EPSG:{expected}) differs from the CRS EPSG:{epsg} of {name}</source>
            <translation>UTM-Zone {zone} (EPSG:{expected}) weicht vom KBS EPSG:{epsg} von {name} ab</translation>
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
            <location filename="../plugin/core/products/raster_access.py" line="216" />
            <source>unusable file name ({reason}); expected a GeoTIFF name</source>
            <translation>unbrauchbarer Dateiname ({reason}); erwartet wird der Name eines GeoTIFF</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/raster_access.py" line="224" />
            <source>file not found; expected a GeoTIFF named by the metadata</source>
            <translation>Datei nicht gefunden; erwartet wird ein in den Metadaten genanntes GeoTIFF</translation>
        </message>
        <message>
            <location filename="../plugin/core/products/raster_access.py" line="229" />
            <source>unreadable raster; expected a GeoTIFF ({reason})</source>
            <translation>Raster nicht lesbar; erwartet wird ein GeoTIFF ({reason})</translation>
        </message>
        <message>
            <location filename="../plugin/core/radiometry.py" line="29" />
            <source>is 0: thermal calibration invalid, expected &gt; 0</source>
            <translation>ist 0: thermische Kalibrierung ungültig, erwartet wird &gt; 0</translation>
        </message>
        <message>
            <location filename="../plugin/core/radiometry.py" line="66" />
            <source>is {value} deg: no reflectance at night</source>
            <translation>ist {value} Grad: keine Reflektanz bei Nacht</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="101" />
            <source>acquisition {when:%Y-%m-%dT%H:%M:%SZ} is not covered by its times {first:%Y-%m-%dT%H:%MZ} … {last:%Y-%m-%dT%H:%MZ}: expected fields before and after the acquisition (ERA5 is hourly: request the hours around it)</source>
            <translation>die Aufnahme {when:%Y-%m-%dT%H:%M:%SZ} liegt nicht in den Zeiten der Datei {first:%Y-%m-%dT%H:%MZ} … {last:%Y-%m-%dT%H:%MZ}: erwartet werden Felder vor und nach der Aufnahme (ERA5 ist stündlich: die Stunden um die Aufnahme anfordern)</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="115" />
            <source>expected at least 2 × 2 grid points around the scene</source>
            <translation>erwartet werden mindestens 2 × 2 Gitterpunkte um die Szene</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="125" />
            <source>the scene (lon {lon0:.3f}…{lon1:.3f}, lat {lat0:.3f}…{lat1:.3f}) is not inside the file's area (lon {flon0:.3f}…{flon1:.3f}, lat {flat0:.3f}…{flat1:.3f}): expected an area around the scene</source>
            <translation>die Szene (Lon {lon0:.3f}…{lon1:.3f}, Lat {lat0:.3f}…{lat1:.3f}) liegt nicht im Gebiet der Datei (Lon {flon0:.3f}…{flon1:.3f}, Lat {flat0:.3f}…{flat1:.3f}): erwartet wird ein Gebiet um die Szene</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="152" />
            <source>variable {variable} missing: expected {expected}</source>
            <translation>Variable {variable} fehlt: erwartet wird {expected}</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="171" />
            <source>{variable} has missing values over the scene</source>
            <translation>{variable} hat fehlende Werte über der Szene</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="203" />
            <source>file not found: expected an ERA5 NetCDF or GRIB file</source>
            <translation>Datei nicht gefunden: erwartet wird eine ERA5-Datei (NetCDF oder GRIB)</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="205" />
            <source>file is empty: expected an ERA5 NetCDF or GRIB file</source>
            <translation>Datei ist leer: erwartet wird eine ERA5-Datei (NetCDF oder GRIB)</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="211" />
            <source>not a NetCDF or GRIB file (unknown signature): corrupt or wrong file</source>
            <translation>keine NetCDF- oder GRIB-Datei (unbekannte Signatur): beschädigte oder falsche Datei</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="219" />
            <source>reading NetCDF needs the Python package netCDF4 (python3-netcdf4)</source>
            <translation>zum Lesen von NetCDF wird das Python-Paket netCDF4 (python3-netcdf4) benötigt</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="225" />
            <source>cannot open as NetCDF ({error}): corrupt or truncated file</source>
            <translation>als NetCDF nicht zu öffnen ({error}): beschädigte oder abgeschnittene Datei</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="233" />
            <source>unreadable ERA5 NetCDF ({kind}: {error})</source>
            <translation>unlesbares ERA5-NetCDF ({kind}: {error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="242" />
            <source>no time variable: expected valid_time (current CDS) or time (legacy)</source>
            <translation>keine Zeitvariable: erwartet wird valid_time (aktueller CDS) oder time (älteres Format)</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="246" />
            <source>{name} is empty: the file holds no field</source>
            <translation>{name} ist leer: die Datei enthält kein Feld</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="258" />
            <source>{name} units {units!r} not understood: expected '&lt;unit&gt; since &lt;date&gt;'</source>
            <translation>Einheiten {units!r} von {name} nicht verstanden: erwartet wird '&lt;unit&gt; since &lt;date&gt;'</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="281" />
            <source>variable tcwv (total column water vapour) missing: request it from the CDS</source>
            <translation>Variable tcwv (Gesamtwasserdampfsäule) fehlt: beim CDS mit anfordern</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="291" />
            <source>no {name} coordinate: expected one of {names}</source>
            <translation>keine Koordinate {name}: erwartet wird eine von {names}</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="307" />
            <source>{name} has an extra dimension {dimension}: expected single levels</source>
            <translation>{name} hat eine zusätzliche Dimension {dimension}: erwartet werden Einzelniveaus (single levels)</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="319" />
            <source>{name} has shape {shape}: expected (time, latitude, longitude)</source>
            <translation>{name} hat die Form {shape}: erwartet wird (time, latitude, longitude)</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="331" />
            <source>tcwv units {units!r} unknown: expected kg m**-2 (or g cm-2)</source>
            <translation>Einheit von tcwv {units!r} unbekannt: erwartet wird kg m**-2 (oder g cm-2)</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="337" />
            <source>t2m units {units!r} unknown: expected K</source>
            <translation>Einheiten {units!r} von t2m unbekannt: erwartet wird K</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="339" />
            <source>tcwv holds no valid value (all missing)</source>
            <translation>tcwv enthält keinen gültigen Wert (alle fehlen)</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="344" />
            <source>tcwv {lo:.2f}…{hi:.2f} g cm-2 after unit conversion: expected 0–10 (wrong units?)</source>
            <translation>tcwv {lo:.2f}…{hi:.2f} g cm-2 nach der Einheitenumrechnung: erwartet wird 0–10 (falsche Einheiten?)</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="387" />
            <source>cannot open as GRIB ({error}): corrupt or truncated file</source>
            <translation>kann nicht als GRIB geöffnet werden ({error}): beschädigte oder abgeschnittene Datei</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="390" />
            <source>no total column water vapour message (TCWV) in the GRIB file</source>
            <translation>keine Meldung zum Gesamtsäulen-Wasserdampf (TCWV) in der GRIB-Datei</translation>
        </message>
        <message>
            <location filename="../plugin/core/reanalysis.py" line="403" />
            <source>GRIB message without a valid time (GRIB_VALID_TIME {raw!r})</source>
            <translation>GRIB-Meldung ohne gültige Zeit (GRIB_VALID_TIME {raw!r})</translation>
        </message>
        <message>
            <location filename="../plugin/core/result.py" line="105" />
            <source>{path}: not an LST Studio result folder ({error})</source>
            <translation>{path}: kein Ergebnisordner von LST Studio ({error})</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="240" />
            <source>Image-based water vapour not possible ({windows} usable clear-land windows, {needed} needed): climatological {w:.2f} g/cm² ({source}); uncertainty is large</source>
            <translation>Wasserdampf aus dem Bild nicht möglich ({windows} brauchbare wolkenfreie Landfenster, {needed} nötig): klimatologische {w:.2f} g/cm² ({source}); die Unsicherheit ist groß</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="249" />
            <source>image (split-window covariance-variance ratio, {citation})</source>
            <translation>Bild (Split-Window-Kovarianz-Varianz-Verhältnis, {citation})</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="259" />
            <source>Water vapour {w:.2f} ± {sigma:.2f} g/cm² estimated from the image (Ren et al. 2015)</source>
            <translation>Wasserdampf {w:.2f} ± {sigma:.2f} g/cm² aus dem Bild geschätzt (Ren et al. 2015)</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="267" />
            <source>Landsat-8 image-based water vapour uses B11, which carries stray light (Montanaro et al. 2014, doi:10.3390/rs61111753): the covariance-variance ratio removes its smooth part, not all of it</source>
            <translation>Der Wasserdampf aus dem Landsat-8-Bild nutzt B11, das Streulicht enthält (Montanaro et al. 2014, doi:10.3390/rs61111753): das Kovarianz-Varianz-Verhältnis entfernt dessen glatten Anteil, nicht alles</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="274" />
            <source>Landsat-9: Landsat-8 covariance-variance-ratio coefficients used (Wang et al. 2023, doi:10.1109/JSTARS.2022.3232621, validate the method for TIRS-2; their coefficients not included)</source>
            <translation>Landsat-9: Koeffizienten des Kovarianz-Varianz-Verhältnisses von Landsat-8 verwendet (Wang et al. 2023, doi:10.1109/JSTARS.2022.3232621, validieren die Methode für TIRS-2; ihre Koeffizienten sind nicht enthalten)</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="328" />
            <source>thermal band missing: expected it in the product</source>
            <translation>thermisches Band fehlt: erwartet wird es im Produkt</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="333" />
            <source>thermal band unusable: {reason}</source>
            <translation>thermisches Band unbrauchbar: {reason}</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="337" />
            <source>missing thermal constants: expected K1 &gt; 0, K2 &gt; 0</source>
            <translation>thermische Konstanten fehlen: erwartet wird K1 &gt; 0, K2 &gt; 0</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="384" />
            <source>options.algorithm: expected auto, RTE, SW or SC, got {value!r}</source>
            <translation>options.algorithm: erwartet wird auto, RTE, SW oder SC, erhalten {value!r}</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="393" />
            <source>Band lwir12 unusable: single-channel algorithm used instead of split-window</source>
            <translation>Band lwir12 unbrauchbar: Einkanalverfahren statt Split-Window verwendet</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="413" />
            <source>No water vapour given: climatological {w:.2f} g/cm² ({source}; {description}); uncertainty is large</source>
            <translation>Kein Wasserdampf angegeben: klimatologische {w:.2f} g/cm² ({source}; {description}); die Unsicherheit ist groß</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="421" />
            <source>RTE without a user profile: B10 τ/L↑/L↓ derived from water vapour (JM 2014 ψ)</source>
            <translation>RTE ohne eigenes Profil: τ/L↑/L↓ von B10 aus dem Wasserdampf abgeleitet (JM 2014 ψ)</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="424" />
            <source>Water vapour {w:.2f} g/cm² &gt; 3: {algorithm} errors grow quickly (JM 2014); prefer RTE with a profile</source>
            <translation>Wasserdampf {w:.2f} g/cm² &gt; 3: die Fehler von {algorithm} wachsen schnell (JM 2014); besser RTE mit einem Profil</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="432" />
            <source>Landsat-9: JM 2014 coefficients are those of Landsat-8 TIRS (no published L9 set)</source>
            <translation>Landsat-9: die Koeffizienten von JM 2014 sind die von Landsat-8 TIRS (kein veröffentlichter Satz für L9)</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="497" />
            <source>options.emissivity.method: expected one of {methods}, got {value!r}</source>
            <translation>options.emissivity.method: erwartet wird eines von {methods}, erhalten {value!r}</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="506" />
            <source>options.emissivity.constant: expected a value in (0.5, 1], got {value}</source>
            <translation>options.emissivity.constant: erwartet wird ein Wert in (0.5, 1], erhalten {value}</translation>
        </message>
        <message>
            <location filename="../plugin/core/retrieval.py" line="516" />
            <source>Emissivity from land-cover classes ({why}): NDVI threshold method needs VNIR</source>
            <translation>Emissivität aus Landbedeckungsklassen ({why}): die NDVI-Schwellenwertmethode braucht VNIR</translation>
        </message>
        <message>
            <location filename="../plugin/core/run_summary.py" line="82" />
            <source>{path}: cannot be read for the run summary histogram: {error}</source>
            <translation>{path}: kann für das Histogramm der Laufzusammenfassung nicht gelesen werden: {error}</translation>
        </message>
        <message>
            <location filename="../plugin/core/terrain.py" line="74" />
            <source>no elevation over the area (does the DEM cover the scene?)</source>
            <translation>keine Höhe über dem Gebiet (deckt das Höhenmodell die Szene ab?)</translation>
        </message>
        <message>
            <location filename="../plugin/core/terrain.py" line="79" />
            <source>Elevation model {name} covers {coverage:.1f} % of the area; elsewhere the night cloud test uses the brightness temperature as it is</source>
            <translation>Höhenmodell {name} deckt {coverage:.1f} % des Gebiets ab; anderswo verwendet der nächtliche Wolkentest die Helligkeitstemperatur unverändert</translation>
        </message>
    </context>
</TS>

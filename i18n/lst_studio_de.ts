<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>CsoTab</name>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="94"/>
        <source>Time series</source>
        <translation>Zeitreihe</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="98"/>
        <source>Delivery packages (folders), folders of packages, or Level-1C products; any order.</source>
        <translation>Lieferpakete (Ordner), Ordner mit Paketen oder Level-1C-Produkte; in beliebiger Reihenfolge.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="103"/>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="104"/>
        <source>A delivery package, or a folder holding packages</source>
        <translation>Ein Lieferpaket oder ein Ordner mit Paketen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="105"/>
        <source>Add products…</source>
        <translation>Produkte hinzufügen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="106"/>
        <source>Level-1C products (.zip, .tar, .geojson, MTL) or package files</source>
        <translation>Level-1C-Produkte (.zip, .tar, .geojson, MTL) oder Paketdateien</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="109"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="110"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="119"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="130"/>
        <source>Years</source>
        <translation>Jahre</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="134"/>
        <source> months</source>
        <translation> Monate</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="135"/>
        <source>Bin length</source>
        <translation>Intervalllänge</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="138"/>
        <source>Band-set token used in the file names</source>
        <translation>Kürzel des Bandsatzes in den Dateinamen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="139"/>
        <source>Band set</source>
        <translation>Bandsatz</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="151"/>
        <source>Statistics</source>
        <translation>Statistiken</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="155"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="158"/>
        <source>Folder for the CSO files</source>
        <translation>Ordner für die CSO-Dateien</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="245"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="168"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="169"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="231"/>
        <source>Delivery package or folder of packages</source>
        <translation>Lieferpaket oder Ordner mit Paketen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="236"/>
        <source>Level-1C products or package files</source>
        <translation>Level-1C-Produkte oder Paketdateien</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="236"/>
        <source>Products (*.zip *.tar *.geojson *.json *.txt *.tif);;All files (*)</source>
        <translation>Produkte (*.zip *.tar *.geojson *.json *.txt *.tif);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="276"/>
        <source>Add delivery packages or Level-1C products first.</source>
        <translation>Zuerst Lieferpakete oder Level-1C-Produkte hinzufügen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="278"/>
        <source>Choose at least one statistic.</source>
        <translation>Mindestens eine Statistik wählen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="280"/>
        <source>The last year is before the first year.</source>
        <translation>Das letzte Jahr liegt vor dem ersten Jahr.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="282"/>
        <source>Choose an output folder.</source>
        <translation>Einen Ausgabeordner wählen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="292"/>
        <source>Clear-sky observation statistics</source>
        <translation>Statistik wolkenfreier Beobachtungen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="294"/>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="318"/>
        <source>The clear-sky statistics failed.</source>
        <translation>Die Statistik wolkenfreier Beobachtungen ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="324"/>
        <source>{} files written to {} from {} observations.</source>
        <translation>{} Dateien nach {} geschrieben, aus {} Beobachtungen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="337"/>
        <source>Could not open {}</source>
        <translation>{} konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="366"/>
        <source>Clear-sky observations</source>
        <translation>Wolkenfreie Beobachtungen</translation>
    </message>
</context>
<context>
    <name>LstStudioDock</name>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="55"/>
        <source>ERA5 reanalysis file</source>
        <translation>ERA5-Reanalysedatei</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="55"/>
        <source>ERA5 files (*.nc *.grib *.grib2 *.grb);;All files (*)</source>
        <translation>ERA5-Dateien (*.nc *.grib *.grib2 *.grb);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="178"/>
        <source>LST Studio</source>
        <translation>LST Studio</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="94"/>
        <source>Automatic (RTE if atmosphere given, else split-window, else single-channel)</source>
        <translation>Automatisch (RTE bei gegebener Atmosphäre, sonst Split-Window, sonst Single-Channel)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="94"/>
        <source>Radiative transfer equation inversion (B10)</source>
        <translation>Inversion der Strahlungstransfergleichung (B10)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="94"/>
        <source>Split-window (B10/B11)</source>
        <translation>Split-Window (B10/B11)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="94"/>
        <source>Single-channel (B10)</source>
        <translation>Single-Channel (B10)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="102"/>
        <source>NDVI threshold (day) / land-cover classes (night)</source>
        <translation>NDVI-Schwellenwert (Tag) / Landbedeckungsklassen (Nacht)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="102"/>
        <source>Land-cover classes only</source>
        <translation>Nur Landbedeckungsklassen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="102"/>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="118"/>
        <source>Band / pair</source>
        <translation>Band / Paar</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="119"/>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="120"/>
        <source>Mean dx (m)</source>
        <translation>Mittel dx (m)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="121"/>
        <source>Mean dy (m)</source>
        <translation>Mittel dy (m)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="122"/>
        <source>RMSE (m)</source>
        <translation>RMSE (m)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="123"/>
        <source>RMSE (px)</source>
        <translation>RMSE (px)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="124"/>
        <source>CE90 (m)</source>
        <translation>CE90 (m)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="125"/>
        <source>CE90 (px)</source>
        <translation>CE90 (px)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="173"/>
        <source>Clear-sky observations</source>
        <translation>Wolkenfreie Beobachtungen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_aoi.py" line="66"/>
        <source>Select a polygon layer in the Layers panel first.</source>
        <translation>Zuerst im Layerbedienfeld einen Polygonlayer wählen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_aoi.py" line="79"/>
        <source>Area of interest</source>
        <translation>Untersuchungsgebiet</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_aoi.py" line="79"/>
        <source>Vector files (*.geojson *.json *.gpkg *.shp);;All files (*)</source>
        <translation>Vektordateien (*.geojson *.json *.gpkg *.shp);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_aoi.py" line="128"/>
        <source>AOI set: {:.4f}, {:.4f} – {:.4f}, {:.4f} (lon/lat).</source>
        <translation>Gebiet gesetzt: {:.4f}, {:.4f} – {:.4f}, {:.4f} (Länge/Breite).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_aoi.py" line="174"/>
        <source>No area of interest: the whole scene will be processed.</source>
        <translation>Kein Untersuchungsgebiet: die ganze Szene wird prozessiert.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="36"/>
        <source>Level-1 product folder</source>
        <translation>Ordner des Level-1-Produkts</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="43"/>
        <source>Level-1 product file</source>
        <translation>Datei des Level-1-Produkts</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="43"/>
        <source>Level-1 products (*.zip *.tar *.geojson *.json *MTL.txt);;All files (*)</source>
        <translation>Level-1-Produkte (*.zip *.tar *.geojson *.json *MTL.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="102"/>
        <source>Cannot read the product</source>
        <translation>Das Produkt kann nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="119"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="120"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="121"/>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="122"/>
        <source>Sensor</source>
        <translation>Sensor</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="123"/>
        <source>Acquired (UTC)</source>
        <translation>Aufgenommen (UTC)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="127"/>
        <source>Day / night</source>
        <translation>Tag / Nacht</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="127"/>
        <source>day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="127"/>
        <source>night</source>
        <translation>Nacht</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="133"/>
        <source>Bands</source>
        <translation>Bänder</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="134"/>
        <source>Cloud cover</source>
        <translation>Bewölkung</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="134"/>
        <source>not stated</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="140"/>
        <source>CRS</source>
        <translation>KBS</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="141"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="35"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="100"/>
        <source>Open a Level-1 product first (Input tab).</source>
        <translation>Zuerst ein Level-1-Produkt öffnen (Reiter Eingabe).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="104"/>
        <source>Choose an output folder (Settings tab).</source>
        <translation>Einen Ausgabeordner wählen (Reiter Einstellungen).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="153"/>
        <source>{}: &apos;{}&apos; is not a number.</source>
        <translation>{}: „{}“ ist keine Zahl.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="182"/>
        <source>LST Studio: produce LST</source>
        <translation>LST Studio: LST erzeugen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="184"/>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="190"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="207"/>
        <source>Done: {}</source>
        <translation>Fertig: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_results.py" line="34"/>
        <source>Result or package folder</source>
        <translation>Ergebnis- oder Paketordner</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_results.py" line="81"/>
        <source>Tiepoints</source>
        <translation>Verknüpfungspunkte</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_results.py" line="60"/>
        <source>Ready to export {}.</source>
        <translation>Bereit zum Export von {}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_results.py" line="132"/>
        <source>Tiepoint file</source>
        <translation>Datei mit Verknüpfungspunkten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_results.py" line="132"/>
        <source>GVER files (*GVER*.json *.json)</source>
        <translation>GVER-Dateien (*GVER*.json *.json)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_export.py" line="31"/>
        <source>Produce LST (or load a result folder) before exporting.</source>
        <translation>Vor dem Export LST erzeugen (oder einen Ergebnisordner laden).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_export.py" line="58"/>
        <source>LST Studio: export package</source>
        <translation>LST Studio: Paket exportieren</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_export.py" line="60"/>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_export.py" line="87"/>
        <source>Package written: {}</source>
        <translation>Paket geschrieben: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_export.py" line="102"/>
        <source>Validation passed.</source>
        <translation>Validierung bestanden.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_export.py" line="102"/>
        <source>Validation FAILED.</source>
        <translation>Validierung FEHLGESCHLAGEN.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_export.py" line="110"/>
        <source>The export algorithm reported no validation result.</source>
        <translation>Der Exportalgorithmus hat kein Validierungsergebnis gemeldet.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_export.py" line="136"/>
        <source>{} files:</source>
        <translation>{} Dateien:</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_export.py" line="139"/>
        <source>Zip: {}</source>
        <translation>Zip: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="44"/>
        <source>Land cover (ESA WorldCover class codes)</source>
        <translation>Landbedeckung (ESA-WorldCover-Klassencodes)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="67"/>
        <source>Rasters (*.tif *.tiff *.vrt);;All files (*)</source>
        <translation>Raster (*.tif *.tiff *.vrt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="87"/>
        <source>{} is not a readable raster.</source>
        <translation>{} ist kein lesbares Raster.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="119"/>
        <source>Land cover: {} is not a raster file (GeoTIFF or another GDAL format).</source>
        <translation>Landbedeckung: {} ist keine Rasterdatei (GeoTIFF oder ein anderes GDAL-Format).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="50"/>
        <source>Elevation model (m)</source>
        <translation>Höhenmodell (m)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="67"/>
        <source>LST Studio: open {}</source>
        <translation>LST Studio: {} öffnen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_product.py" line="71"/>
        <source>Reading {}…</source>
        <translation>{} wird gelesen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="211"/>
        <source>LST produced</source>
        <translation>LST erzeugt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_run.py" line="224"/>
        <source>The algorithm failed.</source>
        <translation>Der Algorithmus ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_results.py" line="60"/>
        <source>{} is a delivery package: produce LST or load a result folder to export.</source>
        <translation>{} ist ein Lieferpaket: zum Exportieren LST erzeugen oder einen Ergebnisordner laden.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_results.py" line="120"/>
        <source>Pixel</source>
        <translation>Pixel</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_results.py" line="120"/>
        <source>outside the result</source>
        <translation>außerhalb des Ergebnisses</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_export.py" line="87"/>
        <source>Export finished</source>
        <translation>Export abgeschlossen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_export.py" line="87"/>
        <source>Export finished, validation FAILED</source>
        <translation>Export abgeschlossen, Prüfung FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_export.py" line="121"/>
        <source>Clear-sky LST: min {} {u}, median {} {u}, max {} {u}</source>
        <translation>LST wolkenfrei: Min. {} {u}, Median {} {u}, Max. {} {u}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_export.py" line="129"/>
        <source>Cloud cover over the AOI: {} %</source>
        <translation>Bewölkung im AOI: {} %</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="39"/>
        <source>Map display</source>
        <translation>Kartendarstellung</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="42"/>
        <source>degrees Celsius (°C)</source>
        <translation>Grad Celsius (°C)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="43"/>
        <source>kelvin (K)</source>
        <translation>Kelvin (K)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="44"/>
        <source>LST unit</source>
        <translation>LST-Einheit</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="65"/>
        <source>LST scale from</source>
        <translation>LST-Skala von</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="66"/>
        <source>LST scale to</source>
        <translation>LST-Skala bis</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="67"/>
        <source>Apply to the map</source>
        <translation>Auf die Karte anwenden</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="120"/>
        <source>Run summary</source>
        <translation>Zusammenfassung des Laufs</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="122"/>
        <source>Run LST or load a result to see its summary.</source>
        <translation>LST erzeugen oder ein Ergebnis laden, um die Zusammenfassung zu sehen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="131"/>
        <source>Pixel inspector</source>
        <translation>Pixel-Inspektor</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="133"/>
        <source>Inspect pixels on the map</source>
        <translation>Pixel auf der Karte untersuchen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="138"/>
        <source>Click a pixel of the current result: every layer&apos;s value, decoded.</source>
        <translation>Ein Pixel des aktuellen Ergebnisses anklicken: der Wert jedes Layers, entschlüsselt.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="45"/>
        <source>Quicklook range</source>
        <translation>Bereich des Quicklooks</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock_extras.py" line="53"/>
        <source>Quicklook: day {}–{} K, night {}–{} K</source>
        <translation>Quicklook: Tag {}–{} K, Nacht {}–{} K</translation>
    </message>
</context>
<context>
    <name>LstStudioDockBase</name>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="406"/>
        <source>ERA5 file</source>
        <translation>ERA5-Datei</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="418"/>
        <source>ERA5 single-level file (total column water vapour): water vapour per pixel, interpolated in time and space. Used when no water vapour is typed.</source>
        <translation>ERA5-Datei (Einzelebenen, gesamter Wasserdampf der Säule): Wasserdampf je Pixel, zeitlich und räumlich interpoliert. Wird verwendet, wenn kein Wasserdampfwert eingegeben ist.</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="415"/>
        <source>optional: NetCDF or GRIB from the Copernicus CDS</source>
        <translation>optional: NetCDF oder GRIB vom Copernicus CDS</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="14"/>
        <source>LST Studio</source>
        <translation>LST Studio</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="24"/>
        <source>Area of interest</source>
        <translation>Untersuchungsgebiet</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="30"/>
        <source>Draw or pick</source>
        <translation>Zeichnen oder auswählen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="36"/>
        <source>Draw rectangle</source>
        <translation>Rechteck zeichnen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="39"/>
        <source>Drag a rectangle on the map canvas</source>
        <translation>Ein Rechteck im Kartenfenster aufziehen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="49"/>
        <source>Draw polygon</source>
        <translation>Polygon zeichnen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="52"/>
        <source>Click the vertices on the map canvas; right-click to close the polygon</source>
        <translation>Die Eckpunkte im Kartenfenster anklicken; Rechtsklick schließt das Polygon</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="62"/>
        <source>Use selected features</source>
        <translation>Gewählte Objekte verwenden</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="65"/>
        <source>Use the selected features of the active vector layer (all features when none is selected)</source>
        <translation>Die gewählten Objekte des aktiven Vektorlayers verwenden (alle, wenn keines gewählt ist)</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="72"/>
        <source>Load file…</source>
        <translation>Datei laden…</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="75"/>
        <source>Load a GeoJSON, GeoPackage or shapefile</source>
        <translation>Eine GeoJSON-, GeoPackage- oder Shape-Datei laden</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="85"/>
        <source>Bounding box (WGS 84 degrees)</source>
        <translation>Begrenzungsrechteck (WGS 84, Grad)</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="91"/>
        <source>West</source>
        <translation>West</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="114"/>
        <source>East</source>
        <translation>Ost</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="137"/>
        <source>South</source>
        <translation>Süd</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="160"/>
        <source>North</source>
        <translation>Nord</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="183"/>
        <source>Use bounding box</source>
        <translation>Begrenzungsrechteck verwenden</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="195"/>
        <source>AOI name</source>
        <translation>Name des Gebiets</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="202"/>
        <source>e.g. Johannesburg</source>
        <translation>z. B. Johannesburg</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="209"/>
        <source>AOI id</source>
        <translation>Kennung des Gebiets</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="216"/>
        <source>e.g. ZA-JNB-001</source>
        <translation>z. B. ZA-JNB-001</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="225"/>
        <source>No area of interest: the whole scene will be processed.</source>
        <translation>Kein Untersuchungsgebiet: die ganze Szene wird prozessiert.</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="235"/>
        <source>Clear area of interest</source>
        <translation>Untersuchungsgebiet entfernen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="256"/>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="262"/>
        <source>FarEarth L1C folder, .zip or .geojson; Landsat MTL, folder or .tar</source>
        <translation>FarEarth-L1C-Ordner, .zip oder .geojson; Landsat-MTL, -Ordner oder .tar</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="274"/>
        <source>Path of the Level-1 product</source>
        <translation>Pfad des Level-1-Produkts</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="281"/>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="284"/>
        <source>Choose a product folder</source>
        <translation>Einen Produktordner wählen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="291"/>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="294"/>
        <source>Choose a product file (.zip, .tar, .geojson, MTL)</source>
        <translation>Eine Produktdatei wählen (.zip, .tar, .geojson, MTL)</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="303"/>
        <source>Open product</source>
        <translation>Produkt öffnen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="314"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="322"/>
        <source>LST algorithm</source>
        <translation>LST-Algorithmus</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="334"/>
        <source>Atmosphere</source>
        <translation>Atmosphäre</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="340"/>
        <source>Water vapour (g/cm²)</source>
        <translation>Wasserdampf (g/cm²)</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="347"/>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="354"/>
        <source>Radiative transfer inversion needs all three B10 values:</source>
        <translation>Die Strahlungstransfer-Inversion braucht alle drei B10-Werte:</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="364"/>
        <source>Transmittance τ</source>
        <translation>Transmissionsgrad τ</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="371"/>
        <source>0 – 1</source>
        <translation>0 – 1</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="378"/>
        <source>Upwelling radiance</source>
        <translation>Aufwärtsstrahldichte</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="399"/>
        <source>W m⁻² sr⁻¹ µm⁻¹</source>
        <translation>W m⁻² sr⁻¹ µm⁻¹</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="392"/>
        <source>Downwelling radiance</source>
        <translation>Abwärtsstrahldichte</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="437"/>
        <source>Emissivity</source>
        <translation>Emissivität</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="443"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="453"/>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="547"/>
        <source>Cloud and shadow masks</source>
        <translation>Wolken- und Schattenmasken</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="553"/>
        <source>Cloud buffer</source>
        <translation>Wolkenpuffer</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="592"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="576"/>
        <source>Shadow buffer</source>
        <translation>Schattenpuffer</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="602"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="608"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="620"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="623"/>
        <source>Choose the output folder</source>
        <translation>Den Ausgabeordner wählen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="632"/>
        <source>Product token</source>
        <translation>Produktkürzel</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="639"/>
        <source>LST</source>
        <translation>LST</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="646"/>
        <source>Organization id</source>
        <translation>Kennung der Organisation</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="673"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="681"/>
        <source>Produce LST</source>
        <translation>LST erzeugen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="684"/>
        <source>Run the production in the background (QGIS task manager)</source>
        <translation>Die Prozessierung im Hintergrund ausführen (QGIS-Aufgabenverwaltung)</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="816"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="707"/>
        <source>Ready.</source>
        <translation>Bereit.</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="717"/>
        <source>Load a result or package folder…</source>
        <translation>Ergebnis- oder Paketordner laden…</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="724"/>
        <source>Geometric verification</source>
        <translation>Geometrische Verifikation</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="730"/>
        <source>Load tiepoints…</source>
        <translation>Verknüpfungspunkte laden…</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="733"/>
        <source>Load a GVER_ABS or GVER_REL file as a point layer</source>
        <translation>Eine GVER_ABS- oder GVER_REL-Datei als Punktlayer laden</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="742"/>
        <source>Displacement arrows</source>
        <translation>Verschiebungspfeile</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="761"/>
        <source> ×</source>
        <translation> ×</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="777"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="783"/>
        <source>Writes the delivery package (COG, quicklooks, STAC, ISO 19115-2/INSPIRE, CEOS-ARD) of the last result into the output folder.</source>
        <translation>Schreibt das Lieferpaket (COG, Schnellansichten, STAC, ISO 19115-2/INSPIRE, CEOS-ARD) des letzten Ergebnisses in den Ausgabeordner.</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="793"/>
        <source>Also write a .zip</source>
        <translation>Zusätzlich eine .zip schreiben</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="800"/>
        <source>Overwrite an existing package</source>
        <translation>Vorhandenes Paket überschreiben</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="809"/>
        <source>Export package</source>
        <translation>Paket exportieren</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="832"/>
        <source>No result to export yet.</source>
        <translation>Noch kein Ergebnis zum Exportieren.</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="845"/>
        <source>Open package folder</source>
        <translation>Paketordner öffnen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="476"/>
        <source>Land cover</source>
        <translation>Landbedeckung</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="491"/>
        <source>Optional raster of ESA WorldCover class codes (any CRS). Used for the emissivity of built-up areas by day, class emissivities at night and the snow/ice strata of the night cloud test.</source>
        <translation>Optionales Raster mit ESA-WorldCover-Klassencodes (beliebiges KBS). Dient der Emissivität bebauter Flächen am Tag, den Klassen-Emissivitäten in der Nacht und den Schnee-/Eis-Schichten des nächtlichen Wolkentests.</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="498"/>
        <source>Add a land-cover raster file to the project and use it</source>
        <translation>Eine Landbedeckungs-Rasterdatei zum Projekt hinzufügen und verwenden</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="510"/>
        <source>Elevation model</source>
        <translation>Höhenmodell</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="525"/>
        <source>Optional elevation model in metres (any CRS). Used at night by the cloud test to correct the brightness temperature for elevation; not used by day.</source>
        <translation>Optionales Höhenmodell in Metern (beliebiges KBS). Wird nachts vom Wolkentest genutzt, um die Helligkeitstemperatur um die Höhe zu korrigieren; am Tag nicht verwendet.</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="532"/>
        <source>Add an elevation model file to the project and use it</source>
        <translation>Eine Höhenmodell-Datei zum Projekt hinzufügen und verwenden</translation>
    </message>
</context>
<context>
    <name>LstStudioPlugin</name>
    <message>
        <location filename="../plugin/main.py" line="64"/>
        <source>LST Studio</source>
        <translation>LST Studio</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="66"/>
        <source>Open the LST Studio panel</source>
        <translation>Das LST-Studio-Bedienfeld öffnen</translation>
    </message>
</context>
<context>
    <name>LstStudioProcessing</name>
    <message>
        <location filename="../plugin/processing/params.py" line="145"/>
        <source>ERA5 reanalysis file (NetCDF or GRIB), optional</source>
        <translation>ERA5-Reanalysedatei (NetCDF oder GRIB), optional</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="145"/>
        <source>ERA5 files (*.nc *.grib *.grib2 *.grb)</source>
        <translation>ERA5-Dateien (*.nc *.grib *.grib2 *.grb)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="153"/>
        <source>Download ERA5 from the Copernicus CDS (your cdsapi credentials)</source>
        <translation>ERA5 vom Copernicus CDS herunterladen (Ihre cdsapi-Zugangsdaten)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="33"/>
        <source>Compressed GeoTIFF (.tif + .hdr)</source>
        <translation>Komprimiertes GeoTIFF (.tif + .hdr)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="33"/>
        <source>ENVI (.dat + .hdr)</source>
        <translation>ENVI (.dat + .hdr)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="45"/>
        <source>Clear-sky observation statistics</source>
        <translation>Statistik wolkenfreier Beobachtungen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="48"/>
        <source>For each pixel and temporal bin: the number of clear-sky observations (NUM) and statistics of the gaps in days between consecutive clear observations (AVG, STD, MIN, MAX, RNG, SKW, KRT, Q25, Q50, Q75, IQR), with the semantics of FORCE&apos;s CSO module (Frantz 2019, doi:10.3390/rs11091124): bins of MONTH_STEP months from 1 January of the start year, 365-day years (29 February counts as 1 March), the first gap from the bin start and a closing gap to the bin end. Inputs: delivery packages (their QA, else CLOUD_MASK, and acquisition time) or Level-1C products (masks computed on the way); all are aligned to the grid of the first input or of the reference raster (nearest neighbour). Outputs: one signed 16-bit file per statistic, one band per bin named by its start date, nodata 0; SKW is scaled by 10000, KRT by 1000. NUM = 0 (never clear in a bin) is also the nodata value: such pixels show as empty.</source>
        <translation>Für jedes Pixel und jedes Zeitintervall: die Anzahl wolkenfreier Beobachtungen (NUM) und Statistiken der Lücken in Tagen zwischen aufeinanderfolgenden wolkenfreien Beobachtungen (AVG, STD, MIN, MAX, RNG, SKW, KRT, Q25, Q50, Q75, IQR), mit der Bedeutung des CSO-Moduls von FORCE (Frantz 2019, doi:10.3390/rs11091124): Intervalle von MONTH_STEP Monaten ab dem 1. Januar des Anfangsjahres, Jahre mit 365 Tagen (der 29. Februar zählt als 1. März), die erste Lücke ab dem Intervallbeginn und eine abschließende Lücke bis zum Intervallende. Eingaben: Lieferpakete (deren QA, sonst CLOUD_MASK, und Aufnahmezeit) oder Level-1C-Produkte (Masken werden unterwegs berechnet); alle werden auf das Raster der ersten Eingabe oder des Referenzrasters ausgerichtet (nächster Nachbar). Ausgaben: eine vorzeichenbehaftete 16-Bit-Datei je Statistik, ein Band je Intervall, benannt nach seinem Anfangsdatum, Nodata 0; SKW ist mit 10000 skaliert, KRT mit 1000. NUM = 0 (in einem Intervall nie wolkenfrei) ist zugleich der Nodata-Wert: solche Pixel erscheinen leer.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="62"/>
        <source>Delivery packages or Level-1C products (files; a file inside a package means the package)</source>
        <translation>Lieferpakete oder Level-1C-Produkte (Dateien; eine Datei in einem Paket steht für das Paket)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="72"/>
        <source>Folder of delivery packages (or one package folder)</source>
        <translation>Ordner mit Lieferpaketen (oder ein Paketordner)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="80"/>
        <source>First year</source>
        <translation>Erstes Jahr</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="89"/>
        <source>Last year</source>
        <translation>Letztes Jahr</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="98"/>
        <source>Bin length (months)</source>
        <translation>Intervalllänge (Monate)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="107"/>
        <source>Band-set token in the file names</source>
        <translation>Kürzel des Bandsatzes in den Dateinamen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="115"/>
        <source>Statistics</source>
        <translation>Statistiken</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="124"/>
        <source>Output format</source>
        <translation>Ausgabeformat</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="132"/>
        <source>Target grid from this raster (default: the first input&apos;s grid)</source>
        <translation>Zielraster von diesem Raster (Standard: das Raster der ersten Eingabe)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="139"/>
        <source>Replace existing files</source>
        <translation>Vorhandene Dateien ersetzen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="144"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="147"/>
        <source>CSO files</source>
        <translation>CSO-Dateien</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="148"/>
        <source>Observations used</source>
        <translation>Verwendete Beobachtungen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="163"/>
        <source>Give delivery packages or Level-1C products (INPUTS or INPUT_FOLDER).</source>
        <translation>Lieferpakete oder Level-1C-Produkte angeben (INPUTS oder INPUT_FOLDER).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_cso.py" line="183"/>
        <source>{} input(s), years {}-{}, {}-month bins, statistics {}</source>
        <translation>{} Eingabe(n), Jahre {}-{}, {}-Monats-Intervalle, Statistiken {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="28"/>
        <source>Package layout: folder {PRODUCT}_{PLATFORM}_{GEOHASH8}_{YYYYMMDDTHHMMSSZ} with Cloud-Optimized GeoTIFFs LST and LST_UNCERTAINTY (uint16, 0.01 K, nodata 65535), EMISSIVITY (uint16, 0.0001), CLOUD_MASK (0 clear, 1 cloud or shadow, nodata 255), SCL (scene classes, nodata 255), QA (quality bits; no-data pixels 65535), VNIR (TOA reflectance, uint16, 0.0001, offset -0.1) on day scenes; LST and true-colour quicklooks (RGBA COG; LST colour scale inferno, fixed 270-330 K by day and 250-300 K at night) and JPG thumbnails; METADATA.json (STAC Item 1.1.0, custom fields prefixed &apos;lst:&apos;), METADATA.xml (ISO 19115-2 / INSPIRE TG 2.0), CEOS_ARD.json/.txt (CEOS-ARD Surface Temperature self-assessment) and TIEPOINTS.json. The package is written into a hidden temporary folder and moved into place when complete: cancelling leaves nothing behind. An existing package is replaced only with &apos;Overwrite&apos;.</source>
        <translation>Aufbau des Pakets: Ordner {PRODUCT}_{PLATFORM}_{GEOHASH8}_{YYYYMMDDTHHMMSSZ} mit den Cloud-Optimized GeoTIFFs LST und LST_UNCERTAINTY (uint16, 0,01 K, Nodata 65535), EMISSIVITY (uint16, 0,0001), CLOUD_MASK (0 wolkenfrei, 1 Wolke oder Schatten, Nodata 255), SCL (Szenenklassen, Nodata 255), QA (Qualitätsbits; Pixel ohne Daten 65535), VNIR (TOA-Reflexion, uint16, 0,0001, Offset -0,1) bei Tagszenen; Schnellansichten von LST und in Echtfarben (RGBA-COG; LST-Farbskala inferno, fest 270-330 K am Tag und 250-300 K in der Nacht) und JPG-Vorschaubilder; METADATA.json (STAC Item 1.1.0, eigene Felder mit dem Präfix 'lst:'), METADATA.xml (ISO 19115-2 / INSPIRE TG 2.0), CEOS_ARD.json/.txt (CEOS-ARD-Selbstbewertung Surface Temperature) und TIEPOINTS.json. Das Paket wird in einen versteckten temporären Ordner geschrieben und erst vollständig an seinen Platz verschoben: ein Abbruch hinterlässt nichts. Ein vorhandenes Paket wird nur mit 'Überschreiben' ersetzt.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="43"/>
        <source>Output folder (the package is created inside)</source>
        <translation>Ausgabeordner (das Paket wird darin angelegt)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="48"/>
        <source>Product token of the file names</source>
        <translation>Produktkürzel der Dateinamen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="53"/>
        <source>Organization id (metadata)</source>
        <translation>Kennung der Organisation (Metadaten)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="61"/>
        <source>Overwrite an existing package</source>
        <translation>Vorhandenes Paket überschreiben</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="66"/>
        <source>Also write a .zip of the package</source>
        <translation>Zusätzlich eine .zip-Datei des Pakets schreiben</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="84"/>
        <source>Delivery package folder</source>
        <translation>Ordner des Lieferpakets</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="85"/>
        <source>Delivery package zip</source>
        <translation>Zip-Datei des Lieferpakets</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="86"/>
        <source>Land surface temperature (COG)</source>
        <translation>Landoberflächentemperatur (COG)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="86"/>
        <source>LST uncertainty (COG)</source>
        <translation>LST-Unsicherheit (COG)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="86"/>
        <source>Cloud mask (COG)</source>
        <translation>Wolkenmaske (COG)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="86"/>
        <source>Scene classification (COG)</source>
        <translation>Szenenklassifikation (COG)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="86"/>
        <source>Quality bits (COG)</source>
        <translation>Qualitätsbits (COG)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="94"/>
        <source>STAC item (METADATA.json)</source>
        <translation>STAC-Item (METADATA.json)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="95"/>
        <source>Tiepoints (TIEPOINTS.json)</source>
        <translation>Verknüpfungspunkte (TIEPOINTS.json)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="96"/>
        <source>LST minimum (K, clear pixels)</source>
        <translation>LST-Minimum (K, wolkenfreie Pixel)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="96"/>
        <source>LST median (K, clear pixels)</source>
        <translation>LST-Median (K, wolkenfreie Pixel)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="96"/>
        <source>LST maximum (K, clear pixels)</source>
        <translation>LST-Maximum (K, wolkenfreie Pixel)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="96"/>
        <source>Cloud cover over the AOI (%)</source>
        <translation>Bewölkung im Untersuchungsgebiet (%)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="103"/>
        <source>Package passed its self-check</source>
        <translation>Paket hat die Selbstprüfung bestanden</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="106"/>
        <source>Self-check summary</source>
        <translation>Zusammenfassung der Selbstprüfung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="140"/>
        <source>Self-check cancelled: the package is written but was not checked.</source>
        <translation>Selbstprüfung abgebrochen: das Paket ist geschrieben, wurde aber nicht geprüft.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="166"/>
        <source>Export delivery package</source>
        <translation>Lieferpaket exportieren</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="169"/>
        <source>Writes the delivery package of a result folder made by &apos;Produce LST&apos;.
</source>
        <translation>Schreibt das Lieferpaket eines mit 'LST erzeugen' erstellten Ergebnisordners.
</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="174"/>
        <source>Result folder (from &apos;Produce LST&apos;)</source>
        <translation>Ergebnisordner (aus 'LST erzeugen')</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="73"/>
        <source>Geometric verification</source>
        <translation>Geometrische Verifikation</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="76"/>
        <source>Measures how well the thermal band lines up with the optical bands (and optical bands with each other): tiepoints on a grid of 64 px chips by sub-pixel phase correlation of gradient orientation, with a correlation score each. Cloudy, featureless and poorly correlated chips are rejected; robust (median/MAD) outliers are kept but excluded from RMSE and CE90. dx/dy are the displacement of the target band relative to the source band in metres east/north. Writes the tiepoints as GVER_REL JSON (FarEarth structure plus scores) and, optionally, a point layer. For FarEarth products the statistics of the product's own GVER tiepoints are logged too. CEOS-ARD gcor.corrections-geometric asks for a radial RMSE ≤ 0.5 px.</source>
        <translation>Misst, wie gut das thermische Band mit den optischen Bändern (und die optischen Bänder untereinander) übereinstimmt: Verknüpfungspunkte auf einem Gitter von 64-px-Ausschnitten durch Subpixel-Phasenkorrelation der Gradientenrichtung, jeweils mit einem Korrelationswert. Bewölkte, strukturlose und schlecht korrelierte Ausschnitte werden verworfen; robuste Ausreißer (Median/MAD) bleiben erhalten, gehen aber nicht in RMSE und CE90 ein. dx/dy sind die Verschiebung des Zielbands gegenüber dem Quellband in Metern nach Osten/Norden. Schreibt die Verknüpfungspunkte als GVER_REL-JSON (FarEarth-Struktur plus Korrelationswerte) und optional einen Punktlayer. Bei FarEarth-Produkten werden auch die Statistiken der eigenen GVER-Verknüpfungspunkte des Produkts protokolliert. CEOS-ARD gcor.corrections-geometric verlangt einen radialen RMSE ≤ 0,5 px.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="83"/>
        <source>Area of interest (polygons)</source>
        <translation>Untersuchungsgebiet (Polygone)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="91"/>
        <source>Area of interest extent</source>
        <translation>Ausdehnung des Untersuchungsgebiets</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="90"/>
        <source>Chip size (pixels)</source>
        <translation>Ausschnittgröße (Pixel)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="95"/>
        <source>Chip spacing (pixels, empty = automatic)</source>
        <translation>Ausschnittabstand (Pixel, leer = automatisch)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="103"/>
        <source>Minimum correlation score</source>
        <translation>Minimaler Korrelationswert</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="113"/>
        <source>Skip chips with cloud, cloud shadow or snow (runs the masks)</source>
        <translation>Ausschnitte mit Wolken, Wolkenschatten oder Schnee überspringen (berechnet die Masken)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="120"/>
        <source>Tiepoints (GVER_REL JSON)</source>
        <translation>Verknüpfungspunkte (GVER_REL-JSON)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="125"/>
        <source>Tiepoints layer</source>
        <translation>Layer der Verknüpfungspunkte</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="134"/>
        <source>Summary (JSON)</source>
        <translation>Zusammenfassung (JSON)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="135"/>
        <source>Enough reliable tiepoints</source>
        <translation>Genügend verlässliche Verknüpfungspunkte</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="138"/>
        <source>Radial RMSE, thermal vs optical (px)</source>
        <translation>Radialer RMSE, thermisch gegen optisch (px)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="143"/>
        <source>CE90, thermal vs optical (m)</source>
        <translation>CE90, thermisch gegen optisch (m)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="146"/>
        <source>Thermal shift east (m, median)</source>
        <translation>Thermische Verschiebung nach Osten (m, Median)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="149"/>
        <source>Thermal shift north (m, median)</source>
        <translation>Thermische Verschiebung nach Norden (m, Median)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="152"/>
        <source>Statistics of the product&apos;s tiepoints (JSON)</source>
        <translation>Statistiken der Verknüpfungspunkte des Produkts (JSON)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="250"/>
        <source>The AOI layer {} has no features.</source>
        <translation>Der Gebietslayer {} hat keine Objekte.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="269"/>
        <source>No input product given.</source>
        <translation>Kein Eingabeprodukt angegeben.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="201"/>
        <source>Measured band-to-band alignment ({}):</source>
        <translation>Gemessene Ausrichtung der Bänder zueinander ({}):</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="206"/>
        <source>Worst optical-&gt;thermal radial RMSE {:.3f} px, CE90 {:.1f} m (CEOS-ARD gcor threshold: ≤ {} px)</source>
        <translation>Schlechtester radialer RMSE optisch-&gt;thermisch {:.3f} px, CE90 {:.1f} m (CEOS-ARD-gcor-Schwelle: ≤ {} px)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="212"/>
        <source>Geometric accuracy not assessed: too few reliable thermal-vs-optical tiepoints.</source>
        <translation>Geometrische Genauigkeit nicht bewertet: zu wenige verlässliche Verknüpfungspunkte thermisch gegen optisch.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="220"/>
        <source>Thermal vs optical shift (median of all inliers): {:+.2f} m east, {:+.2f} m north ({:+.3f}, {:+.3f} px)</source>
        <translation>Verschiebung thermisch gegen optisch (Median aller Nicht-Ausreißer): {:+.2f} m Ost, {:+.2f} m Nord ({:+.3f}, {:+.3f} px)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="226"/>
        <source>Local distortion: {} chip locations around lon {:.5f}, lat {:.5f} (radius {:.0f} px), mean shift {:+.1f} m east, {:+.1f} m north</source>
        <translation>Lokale Verzerrung: {} Ausschnittpositionen um Länge {:.5f}, Breite {:.5f} (Radius {:.0f} px), mittlere Verschiebung {:+.1f} m Ost, {:+.1f} m Nord</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="240"/>
        <source>Thermal-vs-optical outliers (pair, lon, lat, |d| px, score):</source>
        <translation>Ausreißer thermisch gegen optisch (Paar, Länge, Breite, |d| px, Korrelationswert):</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_geoverify.py" line="248"/>
        <source>The product&apos;s own GVER tiepoints:</source>
        <translation>Die eigenen GVER-Verknüpfungspunkte des Produkts:</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="35"/>
        <source>Cloud or shadow, buffers included (% of pixels with data)</source>
        <translation>Wolke oder Schatten, einschließlich Puffer (% der Pixel mit Daten)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="35"/>
        <source>Thick cloud (%)</source>
        <translation>Dicke Wolke (%)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="35"/>
        <source>Thin cloud (%)</source>
        <translation>Dünne Wolke (%)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="35"/>
        <source>Cloud shadow (%)</source>
        <translation>Wolkenschatten (%)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="35"/>
        <source>Snow / ice (%)</source>
        <translation>Schnee / Eis (%)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="35"/>
        <source>Water (%)</source>
        <translation>Wasser (%)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="35"/>
        <source>Saturated thermal (%)</source>
        <translation>Thermisch gesättigt (%)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="35"/>
        <source>Clear (%)</source>
        <translation>Wolkenfrei (%)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="35"/>
        <source>No data (% of the AOI)</source>
        <translation>Keine Daten (% des Untersuchungsgebiets)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="50"/>
        <source>Cloud mask (0 clear, 1 cloud or shadow)</source>
        <translation>Wolkenmaske (0 wolkenfrei, 1 Wolke oder Schatten)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="50"/>
        <source>Scene classes</source>
        <translation>Szenenklassen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="50"/>
        <source>Quality bits</source>
        <translation>Qualitätsbits</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="62"/>
        <source>Cloud and quality masks</source>
        <translation>Wolken- und Qualitätsmasken</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="65"/>
        <source>Cloud, cloud-shadow, snow/ice and water masks of a Level-1 product over an area of interest, with Fmask-style tests (Zhu &amp; Woodcock 2012, doi:10.1016/j.rse.2011.10.028) by day and a thermal-only cold-cloud test by night (less reliable; flagged &apos;tests incomplete&apos;).
Outputs on the thermal grid: CLOUD_MASK (0 clear, 1 cloud or cloud shadow including the buffers, 255 no data), SCL (scene classes, 255 no data) and QA (uint16 bits: no data, saturation per TIR band, under-saturation, filled, cloud, thin cloud, shadow, buffer, snow/ice, water, tests incomplete, saturated VNIR). Buffers are in pixels.</source>
        <translation>Wolken-, Wolkenschatten-, Schnee-/Eis- und Wassermasken eines Level-1-Produkts über einem Untersuchungsgebiet, am Tag mit Tests nach Art von Fmask (Zhu &amp; Woodcock 2012, doi:10.1016/j.rse.2011.10.028) und in der Nacht mit einem rein thermischen Test auf kalte Wolken (weniger verlässlich; als 'Tests unvollständig' markiert).
Ausgaben auf dem thermischen Raster: CLOUD_MASK (0 wolkenfrei, 1 Wolke oder Wolkenschatten einschließlich der Puffer, 255 keine Daten), SCL (Szenenklassen, 255 keine Daten) und QA (uint16-Bits: keine Daten, Sättigung je TIR-Band, Untersättigung, aufgefüllt, Wolke, dünne Wolke, Schatten, Puffer, Schnee/Eis, Wasser, Tests unvollständig, gesättigtes VNIR). Puffer sind in Pixeln angegeben.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="96"/>
        <source>AOI name</source>
        <translation>Name des Gebiets</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="101"/>
        <source>AOI id</source>
        <translation>Kennung des Gebiets</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="109"/>
        <source>Cloud buffer (pixels)</source>
        <translation>Wolkenpuffer (Pixel)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="114"/>
        <source>Shadow buffer (pixels)</source>
        <translation>Schattenpuffer (Pixel)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="97"/>
        <source>Mask metadata (JSON)</source>
        <translation>Metadaten der Masken (JSON)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_produce_lst.py" line="25"/>
        <source>Produce LST</source>
        <translation>LST erzeugen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_produce_lst.py" line="28"/>
        <source>Land surface temperature (K) with a per-pixel 1-sigma uncertainty for an area of interest of a Level-1 product (FarEarth L1C or Landsat 8/9 Level-1).
Algorithms: radiative transfer equation inversion of B10 with the given transmittance and up/down-welling radiance; generalized single-channel (B10) and split-window (B10/B11) of Jiménez-Muñoz et al. 2014 (doi:10.1109/LGRS.2014.2312032) with column water vapour. Automatic: RTE when τ, L↑ and L↓ are given, else split-window when B11 is usable, else single-channel. Without water vapour a climatological value by latitude and month is used and named in the metadata.
Emissivity: NDVI threshold method (Sobrino et al. 2004/2008, Skoković et al. 2014 TIRS constants), water and snow from the masks; at night land-cover classes or a constant.
The AOI's bounding box is snapped to the thermal pixel grid (no resampling); pixels outside the polygon are no data. LST is kept under clouds; CLOUD_MASK and QA flag them, and the statistics use clear pixels only.
OUTPUT_FOLDER receives result.json and the rasters; use it as input of 'Export delivery package'.</source>
        <translation>Landoberflächentemperatur (K) mit einer 1-Sigma-Unsicherheit je Pixel für ein Untersuchungsgebiet eines Level-1-Produkts (FarEarth L1C oder Landsat 8/9 Level-1).
Algorithmen: Inversion der Strahlungstransfergleichung für B10 mit der angegebenen Transmission und der auf- und abwärts gerichteten Strahldichte; verallgemeinertes Single-Channel- (B10) und Split-Window-Verfahren (B10/B11) nach Jiménez-Muñoz et al. 2014 (doi:10.1109/LGRS.2014.2312032) mit dem Wasserdampfgehalt der Säule. Automatisch: RTE, wenn τ, L↑ und L↓ gegeben sind, sonst Split-Window, wenn B11 nutzbar ist, sonst Single-Channel. Ohne Wasserdampf wird ein klimatologischer Wert nach Breite und Monat verwendet und in den Metadaten genannt.
Emissivität: NDVI-Schwellenwertmethode (Sobrino et al. 2004/2008, TIRS-Konstanten nach Skoković et al. 2014), Wasser und Schnee aus den Masken; nachts Landbedeckungsklassen oder ein konstanter Wert.
Das umschließende Rechteck des Untersuchungsgebiets wird am thermischen Pixelraster ausgerichtet (keine Umtastung); Pixel außerhalb des Polygons haben keine Daten. LST bleibt unter Wolken erhalten; CLOUD_MASK und QA markieren sie, und die Statistiken verwenden nur wolkenfreie Pixel.
OUTPUT_FOLDER erhält result.json und die Raster; er dient als Eingabe von 'Lieferpaket exportieren'.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_produce_lst.py" line="54"/>
        <source>Result folder</source>
        <translation>Ergebnisordner</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_produce_lst.py" line="57"/>
        <source>Land surface temperature (K)</source>
        <translation>Landoberflächentemperatur (K)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_produce_lst.py" line="60"/>
        <source>LST uncertainty, 1 sigma (K)</source>
        <translation>LST-Unsicherheit, 1 Sigma (K)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_produce_lst.py" line="65"/>
        <source>Cloud mask</source>
        <translation>Wolkenmaske</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_produce_lst.py" line="66"/>
        <source>Result folder (result.json)</source>
        <translation>Ergebnisordner (result.json)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_produce_lst.py" line="69"/>
        <source>Algorithm used</source>
        <translation>Verwendeter Algorithmus</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_produce_lst.py" line="85"/>
        <source>Algorithm {} ({}); atmosphere: {}</source>
        <translation>Algorithmus {} ({}); Atmosphäre: {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_produce_lst.py" line="92"/>
        <source>Clear-sky LST: min {} K, median {} K, max {} K over {} pixels</source>
        <translation>LST wolkenfrei: Min. {} K, Median {} K, Max. {} K über {} Pixel</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_produce_package.py" line="27"/>
        <source>Produce delivery package</source>
        <translation>Lieferpaket erzeugen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_produce_package.py" line="30"/>
        <source>Produces LST, uncertainty, cloud mask, scene classes and quality bits for an area of interest (as &apos;Produce LST&apos;) and writes the delivery package in one step.
</source>
        <translation>Erzeugt LST, Unsicherheit, Wolkenmaske, Szenenklassen und Qualitätsbits für ein Untersuchungsgebiet (wie 'LST erzeugen') und schreibt das Lieferpaket in einem Schritt.
</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py" line="112"/>
        <source>Cancelled: nothing was written.</source>
        <translation>Abgebrochen: nichts wurde geschrieben.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="42"/>
        <source>Automatic (RTE if atmosphere given, else split-window, else single-channel)</source>
        <translation>Automatisch (RTE bei gegebener Atmosphäre, sonst Split-Window, sonst Single-Channel)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="42"/>
        <source>Radiative transfer equation inversion (B10)</source>
        <translation>Inversion der Strahlungstransfergleichung (B10)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="42"/>
        <source>Split-window (B10/B11, Jiménez-Muñoz et al. 2014)</source>
        <translation>Split-Window (B10/B11, Jiménez-Muñoz et al. 2014)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="42"/>
        <source>Single-channel (B10, Jiménez-Muñoz et al. 2014)</source>
        <translation>Single-Channel (B10, Jiménez-Muñoz et al. 2014)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="50"/>
        <source>NDVI threshold (day) / land-cover classes (night)</source>
        <translation>NDVI-Schwellenwert (Tag) / Landbedeckungsklassen (Nacht)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="50"/>
        <source>Land-cover classes only</source>
        <translation>Nur Landbedeckungsklassen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="50"/>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="69"/>
        <source>Level-1 product (FarEarth folder, .zip, .geojson or Landsat MTL, folder, .tar)</source>
        <translation>Level-1-Produkt (FarEarth-Ordner, .zip, .geojson oder Landsat-MTL, -Ordner, .tar)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="193"/>
        <source>LST algorithm</source>
        <translation>LST-Algorithmus</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="201"/>
        <source>Column water vapour (g/cm²)</source>
        <translation>Wasserdampfsäule (g/cm²)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="201"/>
        <source>B10 atmospheric transmittance τ</source>
        <translation>Atmosphärische Transmission τ für B10</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="201"/>
        <source>B10 upwelling radiance L↑ (W m⁻² sr⁻¹ µm⁻¹)</source>
        <translation>Aufwärts gerichtete Strahldichte L↑ für B10 (W m⁻² sr⁻¹ µm⁻¹)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="201"/>
        <source>B10 downwelling radiance L↓ (W m⁻² sr⁻¹ µm⁻¹)</source>
        <translation>Abwärts gerichtete Strahldichte L↓ für B10 (W m⁻² sr⁻¹ µm⁻¹)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="212"/>
        <source>Emissivity</source>
        <translation>Emissivität</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="220"/>
        <source>Constant emissivity</source>
        <translation>Konstante Emissivität</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="285"/>
        <source>RTE needs all three of transmittance, upwelling and downwelling radiance.</source>
        <translation>RTE braucht alle drei Werte: Transmission, aufwärts und abwärts gerichtete Strahldichte.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="308"/>
        <source>Emissivity &apos;Constant&apos; needs a value in EMISSIVITY_CONSTANT.</source>
        <translation>Emissivität 'Konstant' braucht einen Wert in EMISSIVITY_CONSTANT.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="65"/>
        <source>LAND_COVER (optional, ESA WorldCover class codes, any CRS): at night its snow and ice pixels are tested against their own clear-sky statistics in the cold-cloud test.</source>
        <translation>LAND_COVER (optional, ESA-WorldCover-Klassencodes, beliebiges KBS): nachts werden seine Schnee- und Eispixel im Kaltwolkentest gegen ihre eigene Statistik des wolkenfreien Himmels geprüft.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="55"/>
        <source>LAND_COVER (optional, ESA WorldCover class codes, any CRS): built-up emissivity by day (Du et al. 2015), class emissivities at night and snow/ice clear-sky strata of the night cloud test.</source>
        <translation>LAND_COVER (optional, ESA-WorldCover-Klassencodes, beliebiges KBS): Emissivität bebauter Flächen am Tag (Du et al. 2015), Klassen-Emissivitäten in der Nacht und Schnee-/Eis-Schichten des wolkenfreien Himmels im nächtlichen Wolkentest.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="123"/>
        <source>Land cover (ESA WorldCover class codes)</source>
        <translation>Landbedeckung (ESA-WorldCover-Klassencodes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_masks.py" line="65"/>
        <source>DEM (optional, elevation in metres, any CRS): at night the cold-cloud test compares brightness temperatures normalised to one elevation (MFmask, Qiu et al. 2017); not used by day.</source>
        <translation>DEM (optional, Höhe in Metern, beliebiges KBS): nachts vergleicht der Kaltwolkentest auf eine Höhe normierte Helligkeitstemperaturen (MFmask, Qiu et al. 2017); am Tag nicht verwendet.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="59"/>
        <source>DEM (optional, elevation in metres, any CRS): at night the cloud test normalises the brightness temperature to one elevation with the scene&apos;s fitted clear-sky slope (MFmask, Qiu et al. 2017); not used by day.</source>
        <translation>DEM (optional, Höhe in Metern, beliebiges KBS): nachts normiert der Wolkentest die Helligkeitstemperatur mit dem an die Szene angepassten Höhengradienten des wolkenfreien Himmels auf eine Höhe (MFmask, Qiu et al. 2017); am Tag nicht verwendet.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="134"/>
        <source>Elevation model (m), optional</source>
        <translation>Höhenmodell (m), optional</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="173"/>
        <source>{}: {} is not a readable raster.</source>
        <translation>{}: {} ist kein lesbares Raster.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/params.py" line="177"/>
        <source>{}: {} must be a raster file (GeoTIFF or another GDAL format).</source>
        <translation>{}: {} muss eine Rasterdatei sein (GeoTIFF oder ein anderes GDAL-Format).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_batch.py" line="55"/>
        <source>AOI features with id and name (vector file)</source>
        <translation>AOI-Objekte mit ID und Name (Vektordatei)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_batch.py" line="34"/>
        <source>Batch delivery packages</source>
        <translation>Lieferpakete im Stapel</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_batch.py" line="122"/>
        <source>Cancelled: only complete packages were kept.</source>
        <translation>Abgebrochen: nur vollständige Pakete wurden behalten.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_batch.py" line="65"/>
        <source>Dask scheduler address (empty: local cluster)</source>
        <translation>Adresse des Dask-Schedulers (leer: lokaler Cluster)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_batch.py" line="84"/>
        <source>Failed tasks</source>
        <translation>Fehlgeschlagene Aufgaben</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_batch.py" line="72"/>
        <source>Local workers (0: sized to this machine)</source>
        <translation>Lokale Worker (0: passend zu diesem Rechner)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_batch.py" line="94"/>
        <source>No products given.</source>
        <translation>Keine Produkte angegeben.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_batch.py" line="82"/>
        <source>Packages made</source>
        <translation>Erstellte Pakete</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_batch.py" line="83"/>
        <source>Packages skipped</source>
        <translation>Übersprungene Pakete</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_batch.py" line="49"/>
        <source>Products (folder, glob, list file or STAC ItemCollection)</source>
        <translation>Produkte (Ordner, Glob-Muster, Listendatei oder STAC ItemCollection)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_batch.py" line="81"/>
        <source>STAC Collection</source>
        <translation>STAC-Collection</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_batch.py" line="37"/>
        <source>One delivery package per product and AOI feature, as &apos;Produce delivery package&apos; makes it, run as Dask tasks: on a Dask scheduler (SCHEDULER, e.g. tcp://10.0.0.5:8786, whose workers see the same paths) or, when empty, on a local cluster sized to this machine. PRODUCTS: a folder of products, a glob pattern, a list file (one path per line) or a STAC ItemCollection; several separated by &apos;;&apos;. AOI_FILE: a vector file whose features each give an id and a name (one package per feature); empty: the whole scene. A failed product is reported and never stops the others; a re-run skips packages that are complete and valid. Writes collection.json (STAC Collection) over the packages; the CSO algorithm accepts it as input.</source>
        <translation>Ein Lieferpaket je Produkt und AOI-Objekt, wie es 'Lieferpaket erzeugen' erstellt, ausgeführt als Dask-Aufgaben: auf einem Dask-Scheduler (SCHEDULER, z. B. tcp://10.0.0.5:8786, dessen Worker dieselben Pfade sehen) oder, wenn leer, auf einem lokalen Cluster passend zu diesem Rechner. PRODUCTS: ein Ordner mit Produkten, ein Glob-Muster, eine Listendatei (ein Pfad je Zeile) oder eine STAC ItemCollection; mehrere durch ';' getrennt. AOI_FILE: eine Vektordatei, deren Objekte je eine ID und einen Namen angeben (ein Paket je Objekt); leer: die ganze Szene. Ein fehlgeschlagenes Produkt wird gemeldet und hält die anderen nie auf; ein erneuter Lauf überspringt vollständige und gültige Pakete. Schreibt collection.json (STAC-Collection) über die Pakete; der CSO-Algorithmus nimmt sie als Eingabe.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/alg_export_package.py" line="153"/>
        <source>The package {} failed its self-check: {}</source>
        <translation>Das Paket {} hat die Selbstprüfung nicht bestanden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/base.py" line="120"/>
        <source>Internal error ({}): {} (details in the LST Studio log)</source>
        <translation>Interner Fehler ({}): {} (Details im LST-Studio-Protokoll)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/cso_style.py" line="105"/>
        <source>{} days</source>
        <translation>{} Tage</translation>
    </message>
</context>
<context>
    <name>inspector</name>
    <message>
        <location filename="../plugin/gui/inspector.py" line="23"/>
        <source>Pixel (row, column)</source>
        <translation>Pixel (Zeile, Spalte)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/inspector.py" line="23"/>
        <source>LST</source>
        <translation>LST</translation>
    </message>
    <message>
        <location filename="../plugin/gui/inspector.py" line="23"/>
        <source>LST uncertainty (1σ)</source>
        <translation>LST-Unsicherheit (1σ)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/inspector.py" line="23"/>
        <source>Scene class</source>
        <translation>Szenenklasse</translation>
    </message>
    <message>
        <location filename="../plugin/gui/inspector.py" line="23"/>
        <source>Cloud mask</source>
        <translation>Wolkenmaske</translation>
    </message>
    <message>
        <location filename="../plugin/gui/inspector.py" line="23"/>
        <source>QA</source>
        <translation>QA</translation>
    </message>
    <message>
        <location filename="../plugin/gui/inspector.py" line="23"/>
        <source>  QA bit</source>
        <translation>  QA-Bit</translation>
    </message>
    <message>
        <location filename="../plugin/gui/inspector.py" line="23"/>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/inspector.py" line="23"/>
        <source>No flag (good quality)</source>
        <translation>Kein Flag (gute Qualität)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/inspector.py" line="100"/>
        <source>Emissivity {}</source>
        <translation>Emissivität {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/inspector.py" line="111"/>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../plugin/gui/inspector.py" line="111"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>layers</name>
    <message>
        <location filename="../plugin/gui/layers.py" line="64"/>
        <source>LST uncertainty (K)</source>
        <translation>LST-Unsicherheit (K)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layers.py" line="65"/>
        <source>Emissivity</source>
        <translation>Emissivität</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layers.py" line="66"/>
        <source>Cloud mask</source>
        <translation>Wolkenmaske</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layers.py" line="67"/>
        <source>Scene classes</source>
        <translation>Szenenklassen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layers.py" line="68"/>
        <source>Quality bits</source>
        <translation>Qualitätsbits</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layers.py" line="69"/>
        <source>VNIR (TOA reflectance)</source>
        <translation>VNIR (TOA-Reflexion)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layers.py" line="115"/>
        <source>LST ({})</source>
        <translation>LST ({})</translation>
    </message>
</context>
<context>
    <name>quality</name>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Saturated TIR band 10</source>
        <translation>TIR-Band 10 gesättigt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Saturated TIR band 11</source>
        <translation>TIR-Band 11 gesättigt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Under-saturated</source>
        <translation>Untersättigt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Filled</source>
        <translation>Aufgefüllt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Cloud</source>
        <translation>Wolke</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Thin cloud</source>
        <translation>Dünne Wolke</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Cloud shadow</source>
        <translation>Wolkenschatten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Cloud/shadow buffer</source>
        <translation>Wolken-/Schattenpuffer</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Snow / ice</source>
        <translation>Schnee / Eis</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Water</source>
        <translation>Wasser</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Tests incomplete</source>
        <translation>Tests unvollständig</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>LST not retrieved</source>
        <translation>LST nicht bestimmt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Saturated VNIR</source>
        <translation>VNIR gesättigt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Split-window not plausible</source>
        <translation>Split-Window nicht plausibel</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Unclassified</source>
        <translation>Nicht klassifiziert</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Clear land</source>
        <translation>Wolkenfreies Land</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Thick cloud</source>
        <translation>Dicke Wolke</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Saturated or defective</source>
        <translation>Gesättigt oder defekt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Clear</source>
        <translation>Wolkenfrei</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quality_strings.py" line="5"/>
        <source>Cloud or cloud shadow</source>
        <translation>Wolke oder Wolkenschatten</translation>
    </message>
</context>
<context>
    <name>styles</name>
    <message>
        <location filename="../plugin/gui/styles.py" line="110"/>
        <source>No flag (good quality)</source>
        <translation>Keine Markierung (gute Qualität)</translation>
    </message>
</context>
<context>
    <name>summary</name>
    <message>
        <location filename="../plugin/gui/summary_view.py" line="31"/>
        <source>Clear-sky LST: min {} {u}, median {} {u}, max {} {u}</source>
        <translation>LST wolkenfrei: Min. {} {u}, Median {} {u}, Max. {} {u}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/summary_view.py" line="37"/>
        <source>Clear-sky LST: no clear pixel</source>
        <translation>LST wolkenfrei: kein wolkenfreies Pixel</translation>
    </message>
    <message>
        <location filename="../plugin/gui/summary_view.py" line="39"/>
        <source>Cloud cover: {} %</source>
        <translation>Bewölkung: {} %</translation>
    </message>
    <message>
        <location filename="../plugin/gui/summary_view.py" line="43"/>
        <source>Algorithm: {}</source>
        <translation>Algorithmus: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/summary_view.py" line="45"/>
        <source>Atmosphere: {}</source>
        <translation>Atmosphäre: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/summary_view.py" line="49"/>
        <source>Warning: {}</source>
        <translation>Warnung: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/summary_view.py" line="57"/>
        <source>{} warning(s), see the Run tab</source>
        <translation>{} Warnung(en), siehe Reiter „Ausführen“</translation>
    </message>
    <message>
        <location filename="../plugin/gui/summary_view.py" line="74"/>
        <source>Clear-sky LST histogram (cloud pixels left out)</source>
        <translation>Histogramm der wolkenfreien LST (ohne Wolkenpixel)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/summary_view.py" line="96"/>
        <source>No clear-sky pixels</source>
        <translation>Keine wolkenfreien Pixel</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <location filename="../plugin/gui/tasks.py" line="75"/>
        <source>The Processing algorithm {} is not available; is the LST Studio provider loaded?</source>
        <translation>Der Processing-Algorithmus {} ist nicht verfügbar; ist der LST-Studio-Anbieter geladen?</translation>
    </message>
    <message>
        <location filename="../plugin/gui/tasks.py" line="105"/>
        <source>Cancelled: nothing was loaded.</source>
        <translation>Abgebrochen: nichts wurde geladen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/tasks.py" line="113"/>
        <source>The algorithm failed.</source>
        <translation>Der Algorithmus ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/tasks.py" line="187"/>
        <source>Opening the product failed: {}</source>
        <translation>Das Produkt konnte nicht geöffnet werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/tasks.py" line="187"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
</TS>

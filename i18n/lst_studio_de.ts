<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="131"/>
        <source>{} days</source>
        <translation>{} Tage</translation>
    </message>
</context>
<context>
    <name>CsoTab</name>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="158"/>
        <source>Time series</source>
        <translation>Zeitreihe</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="162"/>
        <source>Delivery packages (folders), folders of packages, or Level-1C products; any order.</source>
        <translation>Lieferpakete (Ordner), Ordner mit Paketen oder Level-1C-Produkte; in beliebiger Reihenfolge.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="167"/>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="168"/>
        <source>A delivery package, or a folder holding packages</source>
        <translation>Ein Lieferpaket oder ein Ordner mit Paketen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="169"/>
        <source>Add products…</source>
        <translation>Produkte hinzufügen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="170"/>
        <source>Level-1C products (.zip, .tar, .geojson, MTL) or package files</source>
        <translation>Level-1C-Produkte (.zip, .tar, .geojson, MTL) oder Paketdateien</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="173"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="174"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="180"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="191"/>
        <source>Years</source>
        <translation>Jahre</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="195"/>
        <source> months</source>
        <translation> Monate</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="196"/>
        <source>Bin length</source>
        <translation>Intervalllänge</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="199"/>
        <source>Band-set token used in the file names</source>
        <translation>Kürzel des Bandsatzes in den Dateinamen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="200"/>
        <source>Band set</source>
        <translation>Bandsatz</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="212"/>
        <source>Statistics</source>
        <translation>Statistiken</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="216"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="219"/>
        <source>Folder for the CSO files</source>
        <translation>Ordner für die CSO-Dateien</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="288"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="228"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="229"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="274"/>
        <source>Delivery package or folder of packages</source>
        <translation>Lieferpaket oder Ordner mit Paketen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="279"/>
        <source>Level-1C products or package files</source>
        <translation>Level-1C-Produkte oder Paketdateien</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="279"/>
        <source>Products (*.zip *.tar *.geojson *.json *.txt *.tif);;All files (*)</source>
        <translation>Produkte (*.zip *.tar *.geojson *.json *.txt *.tif);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="319"/>
        <source>Add delivery packages or Level-1C products first.</source>
        <translation>Zuerst Lieferpakete oder Level-1C-Produkte hinzufügen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="321"/>
        <source>Choose at least one statistic.</source>
        <translation>Mindestens eine Statistik wählen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="323"/>
        <source>The last year is before the first year.</source>
        <translation>Das letzte Jahr liegt vor dem ersten Jahr.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="325"/>
        <source>Choose an output folder.</source>
        <translation>Einen Ausgabeordner wählen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="335"/>
        <source>Clear-sky observation statistics</source>
        <translation>Statistik wolkenfreier Beobachtungen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="341"/>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="362"/>
        <source>The clear-sky statistics failed.</source>
        <translation>Die Statistik wolkenfreier Beobachtungen ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="367"/>
        <source>{} files written to {} from {} observations.</source>
        <translation>{} Dateien aus {} Beobachtungen nach {} geschrieben.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="380"/>
        <source>Could not open {}</source>
        <translation>{} konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../plugin/gui/cso_tab.py" line="400"/>
        <source>Clear-sky observations</source>
        <translation>Wolkenfreie Beobachtungen</translation>
    </message>
</context>
<context>
    <name>LstStudioDock</name>
    <message>
        <location filename="../plugin/gui/dock.py" line="162"/>
        <source>LST Studio</source>
        <translation>LST Studio</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="90"/>
        <source>Automatic (RTE if atmosphere given, else split-window, else single-channel)</source>
        <translation>Automatisch (RTE bei gegebener Atmosphäre, sonst Split-Window, sonst Single-Channel)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="90"/>
        <source>Radiative transfer equation inversion (B10)</source>
        <translation>Inversion der Strahlungstransfergleichung (B10)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="90"/>
        <source>Split-window (B10/B11)</source>
        <translation>Split-Window (B10/B11)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="90"/>
        <source>Single-channel (B10)</source>
        <translation>Single-Channel (B10)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="98"/>
        <source>NDVI threshold (day) / land-cover classes (night)</source>
        <translation>NDVI-Schwellenwert (Tag) / Landbedeckungsklassen (Nacht)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="98"/>
        <source>Land-cover classes only</source>
        <translation>Nur Landbedeckungsklassen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="98"/>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="109"/>
        <source>Band / pair</source>
        <translation>Band / Paar</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="110"/>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="111"/>
        <source>Mean dx (m)</source>
        <translation>Mittel dx (m)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="112"/>
        <source>Mean dy (m)</source>
        <translation>Mittel dy (m)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="113"/>
        <source>RMSE (m)</source>
        <translation>RMSE (m)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="114"/>
        <source>RMSE (px)</source>
        <translation>RMSE (px)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="115"/>
        <source>CE90 (m)</source>
        <translation>CE90 (m)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="116"/>
        <source>CE90 (px)</source>
        <translation>CE90 (px)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="159"/>
        <source>Clear-sky observations</source>
        <translation>Wolkenfreie Beobachtungen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="251"/>
        <source>Select a polygon layer in the Layers panel first.</source>
        <translation>Zuerst im Layerbedienfeld einen Polygonlayer wählen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="259"/>
        <source>Area of interest</source>
        <translation>Untersuchungsgebiet</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="259"/>
        <source>Vector files (*.geojson *.json *.gpkg *.shp);;All files (*)</source>
        <translation>Vektordateien (*.geojson *.json *.gpkg *.shp);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="306"/>
        <source>AOI set: {:.4f}, {:.4f} – {:.4f}, {:.4f} (lon/lat).</source>
        <translation>Gebiet gesetzt: {:.4f}, {:.4f} – {:.4f}, {:.4f} (Länge/Breite).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="341"/>
        <source>No area of interest: the whole scene will be processed.</source>
        <translation>Kein Untersuchungsgebiet: die ganze Szene wird prozessiert.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="346"/>
        <source>Level-1 product folder</source>
        <translation>Ordner des Level-1-Produkts</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="351"/>
        <source>Level-1 product file</source>
        <translation>Datei des Level-1-Produkts</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="351"/>
        <source>Level-1 products (*.zip *.tar *.geojson *.json *MTL.txt);;All files (*)</source>
        <translation>Level-1-Produkte (*.zip *.tar *.geojson *.json *MTL.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="378"/>
        <source>Cannot read the product</source>
        <translation>Das Produkt kann nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="390"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="391"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="392"/>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="393"/>
        <source>Sensor</source>
        <translation>Sensor</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="394"/>
        <source>Acquired (UTC)</source>
        <translation>Aufgenommen (UTC)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="395"/>
        <source>Day / night</source>
        <translation>Tag / Nacht</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="395"/>
        <source>day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="395"/>
        <source>night</source>
        <translation>Nacht</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="396"/>
        <source>Bands</source>
        <translation>Bänder</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="397"/>
        <source>Cloud cover</source>
        <translation>Bewölkung</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="397"/>
        <source>not stated</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="401"/>
        <source>CRS</source>
        <translation>KBS</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="402"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="447"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="457"/>
        <source>Open a Level-1 product first (Input tab).</source>
        <translation>Zuerst ein Level-1-Produkt öffnen (Reiter Eingabe).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="667"/>
        <source>Choose an output folder (Settings tab).</source>
        <translation>Einen Ausgabeordner wählen (Reiter Einstellungen).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="482"/>
        <source>{}: &apos;{}&apos; is not a number.</source>
        <translation>{}: „{}“ ist keine Zahl.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="505"/>
        <source>LST Studio: produce LST</source>
        <translation>LST Studio: LST erzeugen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="509"/>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="516"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="533"/>
        <source>Done: {}</source>
        <translation>Fertig: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="540"/>
        <source>Result or package folder</source>
        <translation>Ergebnis- oder Paketordner</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="567"/>
        <source>Tiepoints</source>
        <translation>Verknüpfungspunkte</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="572"/>
        <source>Ready to export {}.</source>
        <translation>Bereit zum Export von {}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="581"/>
        <source>Tiepoint file</source>
        <translation>Datei mit Verknüpfungspunkten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="581"/>
        <source>GVER files (*GVER*.json *.json)</source>
        <translation>GVER-Dateien (*GVER*.json *.json)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="665"/>
        <source>Produce LST (or load a result folder) before exporting.</source>
        <translation>Vor dem Export LST erzeugen (oder einen Ergebnisordner laden).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="686"/>
        <source>LST Studio: export package</source>
        <translation>LST Studio: Paket exportieren</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="690"/>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="714"/>
        <source>Package written: {}</source>
        <translation>Paket geschrieben: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="723"/>
        <source>Validation passed.</source>
        <translation>Validierung bestanden.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="723"/>
        <source>Validation FAILED.</source>
        <translation>Validierung FEHLGESCHLAGEN.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="727"/>
        <source>The export algorithm reported no validation result.</source>
        <translation>Der Exportalgorithmus hat kein Validierungsergebnis gemeldet.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="730"/>
        <source>Clear-sky LST: min {:.1f} °C, median {:.1f} °C, max {:.1f} °C</source>
        <translation>LST wolkenfrei: Min. {:.1f} °C, Median {:.1f} °C, Max. {:.1f} °C</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="736"/>
        <source>Cloud cover over the AOI: {:.1f} %</source>
        <translation>Bewölkung im Untersuchungsgebiet: {:.1f} %</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="739"/>
        <source>{} files:</source>
        <translation>{} Dateien:</translation>
    </message>
    <message>
        <location filename="../plugin/gui/dock.py" line="742"/>
        <source>Zip: {}</source>
        <translation>Zip: {}</translation>
    </message>
</context>
<context>
    <name>LstStudioDockBase</name>
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
        <location filename="../ui/lst_studio_dock.ui" line="409"/>
        <source>Emissivity</source>
        <translation>Emissivität</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="415"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="425"/>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="451"/>
        <source>Cloud and shadow masks</source>
        <translation>Wolken- und Schattenmasken</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="457"/>
        <source>Cloud buffer</source>
        <translation>Wolkenpuffer</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="496"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="480"/>
        <source>Shadow buffer</source>
        <translation>Schattenpuffer</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="506"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="512"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="524"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="527"/>
        <source>Choose the output folder</source>
        <translation>Den Ausgabeordner wählen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="536"/>
        <source>Product token</source>
        <translation>Produktkürzel</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="543"/>
        <source>LST</source>
        <translation>LST</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="550"/>
        <source>Organization id</source>
        <translation>Kennung der Organisation</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="577"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="585"/>
        <source>Produce LST</source>
        <translation>LST erzeugen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="588"/>
        <source>Run the production in the background (QGIS task manager)</source>
        <translation>Die Prozessierung im Hintergrund ausführen (QGIS-Aufgabenverwaltung)</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="720"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="611"/>
        <source>Ready.</source>
        <translation>Bereit.</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="621"/>
        <source>Load a result or package folder…</source>
        <translation>Ergebnis- oder Paketordner laden…</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="628"/>
        <source>Geometric verification</source>
        <translation>Geometrische Verifikation</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="634"/>
        <source>Load tiepoints…</source>
        <translation>Verknüpfungspunkte laden…</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="637"/>
        <source>Load a GVER_ABS or GVER_REL file as a point layer</source>
        <translation>Eine GVER_ABS- oder GVER_REL-Datei als Punktlayer laden</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="646"/>
        <source>Displacement arrows</source>
        <translation>Verschiebungspfeile</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="665"/>
        <source> ×</source>
        <translation> ×</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="681"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="687"/>
        <source>Writes the delivery package (COG, quicklooks, STAC, ISO 19115-2/INSPIRE, CEOS-ARD) of the last result into the output folder.</source>
        <translation>Schreibt das Lieferpaket (COG, Schnellansichten, STAC, ISO 19115-2/INSPIRE, CEOS-ARD) des letzten Ergebnisses in den Ausgabeordner.</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="697"/>
        <source>Also write a .zip</source>
        <translation>Zusätzlich eine .zip schreiben</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="704"/>
        <source>Overwrite an existing package</source>
        <translation>Vorhandenes Paket überschreiben</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="713"/>
        <source>Export package</source>
        <translation>Paket exportieren</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="736"/>
        <source>No result to export yet.</source>
        <translation>Noch kein Ergebnis zum Exportieren.</translation>
    </message>
    <message>
        <location filename="../ui/lst_studio_dock.ui" line="749"/>
        <source>Open package folder</source>
        <translation>Paketordner öffnen</translation>
    </message>
</context>
<context>
    <name>LstStudioPlugin</name>
    <message>
        <location filename="../plugin/main.py" line="61"/>
        <source>LST Studio</source>
        <translation>LST Studio</translation>
    </message>
    <message>
        <location filename="../plugin/main.py" line="63"/>
        <source>Open the LST Studio panel</source>
        <translation>Das LST-Studio-Bedienfeld öffnen</translation>
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
        <location filename="../plugin/gui/styles.py" line="101"/>
        <source>No flag (good quality)</source>
        <translation>Keine Markierung (gute Qualität)</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <location filename="../plugin/gui/tasks.py" line="59"/>
        <source>The Processing algorithm {} is not available; is the LST Studio provider loaded?</source>
        <translation>Der Processing-Algorithmus {} ist nicht verfügbar; ist der LST-Studio-Anbieter geladen?</translation>
    </message>
    <message>
        <location filename="../plugin/gui/tasks.py" line="86"/>
        <source>Cancelled: nothing was loaded.</source>
        <translation>Abgebrochen: nichts wurde geladen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/tasks.py" line="93"/>
        <source>The algorithm failed.</source>
        <translation>Der Algorithmus ist fehlgeschlagen.</translation>
    </message>
</context>
</TS>

<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis maxScale="0" version="3.22.16-Białowieża" styleCategories="AllStyleCategories" minScale="1e+08" hasScaleBasedVisibilityFlag="0">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal mode="0" enabled="0" fetchMode="0">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <customproperties>
    <Option type="Map">
      <Option type="QString" name="identify/format" value="Value"/>
    </Option>
  </customproperties>
  <pipe-data-defined-properties>
    <Option type="Map">
      <Option type="QString" name="name" value=""/>
      <Option name="properties"/>
      <Option type="QString" name="type" value="collection"/>
    </Option>
  </pipe-data-defined-properties>
  <pipe>
    <provider>
      <resampling enabled="false" zoomedInResamplingMethod="nearestNeighbour" maxOversampling="2" zoomedOutResamplingMethod="nearestNeighbour"/>
    </provider>
    <rasterrenderer alphaBand="-1" type="paletted" opacity="1" nodataColor="" band="1">
      <minMaxOrigin>
        <limits>None</limits>
        <extent>WholeRaster</extent>
        <statAccuracy>Estimated</statAccuracy>
        <cumulativeCutLower>0.02</cumulativeCutLower>
        <cumulativeCutUpper>0.98</cumulativeCutUpper>
        <stdDevFactor>2</stdDevFactor>
      </minMaxOrigin>
      <colorPalette>
        <paletteEntry color="#000000" label="No flag (good quality)" value="0" alpha="0"/>
        <paletteEntry color="#000000" label="No data" value="1" alpha="255"/>
        <paletteEntry color="#e41a1c" label="Saturated TIR band 10" value="2" alpha="255"/>
        <paletteEntry color="#fb6a4a" label="Saturated TIR band 11" value="4" alpha="255"/>
        <paletteEntry color="#984ea3" label="Under-saturated" value="8" alpha="255"/>
        <paletteEntry color="#f781bf" label="Filled" value="16" alpha="255"/>
        <paletteEntry color="#f0f0f0" label="Cloud" value="32" alpha="255"/>
        <paletteEntry color="#bdbdbd" label="Thin cloud" value="64" alpha="255"/>
        <paletteEntry color="#525252" label="Cloud shadow" value="128" alpha="255"/>
        <paletteEntry color="#ff7f00" label="Cloud/shadow buffer" value="256" alpha="255"/>
        <paletteEntry color="#a6f0ff" label="Snow / ice" value="512" alpha="255"/>
        <paletteEntry color="#377eb8" label="Water" value="1024" alpha="255"/>
        <paletteEntry color="#ffff33" label="Tests incomplete" value="2048" alpha="255"/>
        <paletteEntry color="#7f0000" label="LST not retrieved" value="4096" alpha="255"/>
        <paletteEntry color="#fcbba1" label="Saturated VNIR" value="8192" alpha="255"/>
        <paletteEntry color="#66c2a5" label="Split-window not plausible" value="16384" alpha="255"/>
      </colorPalette>
    </rasterrenderer>
    <brightnesscontrast brightness="0" gamma="1" contrast="0"/>
    <huesaturation colorizeGreen="128" colorizeRed="255" grayscaleMode="0" colorizeOn="0" invertColors="0" colorizeBlue="128" saturation="0" colorizeStrength="100"/>
    <rasterresampler maxOversampling="2"/>
    <resamplingStage>resamplingFilter</resamplingStage>
  </pipe>
  <blendMode>0</blendMode>
</qgis>

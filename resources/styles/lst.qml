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
    <rasterrenderer alphaBand="-1" classificationMax="323.15" type="singlebandpseudocolor" opacity="1" nodataColor="" classificationMin="273.15" band="1">
      <minMaxOrigin>
        <limits>None</limits>
        <extent>WholeRaster</extent>
        <statAccuracy>Estimated</statAccuracy>
        <cumulativeCutLower>0.02</cumulativeCutLower>
        <cumulativeCutUpper>0.98</cumulativeCutUpper>
        <stdDevFactor>2</stdDevFactor>
      </minMaxOrigin>
      <rastershader>
        <colorrampshader minimumValue="273.14999999999998" clip="0" maximumValue="323.14999999999998" classificationMode="2" labelPrecision="6" colorRampType="INTERPOLATED">
          <item color="#313695" label="0.0 °C" value="273.15" alpha="255"/>
          <item color="#4575b4" label="5.0 °C" value="278.15" alpha="255"/>
          <item color="#74add1" label="10.0 °C" value="283.15" alpha="255"/>
          <item color="#abd9e9" label="15.0 °C" value="288.15" alpha="255"/>
          <item color="#e0f3f8" label="20.0 °C" value="293.15" alpha="255"/>
          <item color="#ffffbf" label="25.0 °C" value="298.15" alpha="255"/>
          <item color="#fee090" label="30.0 °C" value="303.15" alpha="255"/>
          <item color="#fdae61" label="35.0 °C" value="308.15" alpha="255"/>
          <item color="#f46d43" label="40.0 °C" value="313.15" alpha="255"/>
          <item color="#d73027" label="45.0 °C" value="318.15" alpha="255"/>
          <item color="#a50026" label="50.0 °C" value="323.15" alpha="255"/>
          <rampLegendSettings direction="0" suffix="" maximumLabel="" useContinuousLegend="0" minimumLabel="" orientation="2" prefix="">
            <numericFormat id="basic">
              <Option type="Map">
                <Option type="QChar" name="decimal_separator" value=""/>
                <Option type="int" name="decimals" value="6"/>
                <Option type="int" name="rounding_type" value="0"/>
                <Option type="bool" name="show_plus" value="false"/>
                <Option type="bool" name="show_thousand_separator" value="true"/>
                <Option type="bool" name="show_trailing_zeros" value="false"/>
                <Option type="QChar" name="thousand_separator" value=""/>
              </Option>
            </numericFormat>
          </rampLegendSettings>
        </colorrampshader>
      </rastershader>
    </rasterrenderer>
    <brightnesscontrast brightness="0" gamma="1" contrast="0"/>
    <huesaturation colorizeGreen="128" colorizeRed="255" grayscaleMode="0" colorizeOn="0" invertColors="0" colorizeBlue="128" saturation="0" colorizeStrength="100"/>
    <rasterresampler maxOversampling="2"/>
    <resamplingStage>resamplingFilter</resamplingStage>
  </pipe>
  <blendMode>0</blendMode>
</qgis>

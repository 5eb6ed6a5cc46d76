<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" hasScaleBasedVisibilityFlag="0" styleCategories="AllStyleCategories" maxScale="0" minScale="1e+08">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal enabled="0" mode="0" fetchMode="0">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <customproperties>
    <Option type="Map">
      <Option name="identify/format" type="QString" value="Value"/>
    </Option>
  </customproperties>
  <pipe-data-defined-properties>
    <Option type="Map">
      <Option name="name" type="QString" value=""/>
      <Option name="properties"/>
      <Option name="type" type="QString" value="collection"/>
    </Option>
  </pipe-data-defined-properties>
  <pipe>
    <provider>
      <resampling enabled="false" zoomedOutResamplingMethod="nearestNeighbour" maxOversampling="2" zoomedInResamplingMethod="nearestNeighbour"/>
    </provider>
    <rasterrenderer nodataColor="" opacity="1" band="1" classificationMin="270" classificationMax="330" type="singlebandpseudocolor" alphaBand="-1">
      <minMaxOrigin>
        <limits>None</limits>
        <extent>WholeRaster</extent>
        <statAccuracy>Estimated</statAccuracy>
        <cumulativeCutLower>0.02</cumulativeCutLower>
        <cumulativeCutUpper>0.98</cumulativeCutUpper>
        <stdDevFactor>2</stdDevFactor>
      </minMaxOrigin>
      <rastershader>
        <colorrampshader colorRampType="INTERPOLATED" maximumValue="330" classificationMode="1" minimumValue="270" labelPrecision="6" clip="0">
          <colorramp name="[source]" type="gradient">
            <Option type="Map">
              <Option name="color1" type="QString" value="0,0,4,255"/>
              <Option name="color2" type="QString" value="252,255,164,255"/>
              <Option name="discrete" type="QString" value="0"/>
              <Option name="rampType" type="QString" value="gradient"/>
              <Option name="stops" type="QString" value="0.0196078;2,2,12,255:0.0392157;5,4,23,255:0.0588235;10,7,34,255:0.0784314;16,9,45,255:0.0980392;22,11,57,255:0.117647;30,12,69,255:0.137255;38,12,81,255:0.156863;47,10,91,255:0.176471;56,9,98,255:0.196078;64,10,103,255:0.215686;73,11,106,255:0.235294;81,14,108,255:0.254902;89,16,110,255:0.27451;97,19,110,255:0.294118;105,22,110,255:0.313725;113,25,110,255:0.333333;120,28,109,255:0.352941;128,31,108,255:0.372549;136,34,106,255:0.392157;144,37,104,255:0.411765;152,39,102,255:0.431373;160,42,99,255:0.45098;168,46,95,255:0.470588;176,49,91,255:0.490196;183,53,87,255:0.509804;191,57,82,255:0.529412;198,61,77,255:0.54902;204,66,72,255:0.568627;211,71,67,255:0.588235;217,77,61,255:0.607843;223,83,55,255:0.627451;228,90,49,255:0.647059;233,97,43,255:0.666667;237,105,37,255:0.686275;241,113,31,255:0.705882;244,121,24,255:0.72549;247,130,18,255:0.745098;249,139,11,255:0.764706;250,148,7,255:0.784314;251,157,7,255:0.803922;252,166,12,255:0.823529;252,176,20,255:0.843137;251,186,31,255:0.862745;250,196,42,255:0.882353;248,205,55,255:0.901961;246,215,70,255:0.921569;244,225,86,255:0.941176;242,234,105,255:0.960784;242,242,125,255:0.980392;245,249,146,255"/>
            </Option>
            <prop v="0,0,4,255" k="color1"/>
            <prop v="252,255,164,255" k="color2"/>
            <prop v="0" k="discrete"/>
            <prop v="gradient" k="rampType"/>
            <prop v="0.0196078;2,2,12,255:0.0392157;5,4,23,255:0.0588235;10,7,34,255:0.0784314;16,9,45,255:0.0980392;22,11,57,255:0.117647;30,12,69,255:0.137255;38,12,81,255:0.156863;47,10,91,255:0.176471;56,9,98,255:0.196078;64,10,103,255:0.215686;73,11,106,255:0.235294;81,14,108,255:0.254902;89,16,110,255:0.27451;97,19,110,255:0.294118;105,22,110,255:0.313725;113,25,110,255:0.333333;120,28,109,255:0.352941;128,31,108,255:0.372549;136,34,106,255:0.392157;144,37,104,255:0.411765;152,39,102,255:0.431373;160,42,99,255:0.45098;168,46,95,255:0.470588;176,49,91,255:0.490196;183,53,87,255:0.509804;191,57,82,255:0.529412;198,61,77,255:0.54902;204,66,72,255:0.568627;211,71,67,255:0.588235;217,77,61,255:0.607843;223,83,55,255:0.627451;228,90,49,255:0.647059;233,97,43,255:0.666667;237,105,37,255:0.686275;241,113,31,255:0.705882;244,121,24,255:0.72549;247,130,18,255:0.745098;249,139,11,255:0.764706;250,148,7,255:0.784314;251,157,7,255:0.803922;252,166,12,255:0.823529;252,176,20,255:0.843137;251,186,31,255:0.862745;250,196,42,255:0.882353;248,205,55,255:0.901961;246,215,70,255:0.921569;244,225,86,255:0.941176;242,234,105,255:0.960784;242,242,125,255:0.980392;245,249,146,255" k="stops"/>
          </colorramp>
          <item value="270" alpha="255" color="#000004" label="270 K"/>
          <item value="271.1764705882353" alpha="255" color="#02020c" label="271 K"/>
          <item value="272.3529411764706" alpha="255" color="#050417" label="272 K"/>
          <item value="273.52941176470586" alpha="255" color="#0a0722" label="274 K"/>
          <item value="274.70588235294116" alpha="255" color="#10092d" label="275 K"/>
          <item value="275.88235294117646" alpha="255" color="#160b39" label="276 K"/>
          <item value="277.05882352941177" alpha="255" color="#1e0c45" label="277 K"/>
          <item value="278.2352941176471" alpha="255" color="#260c51" label="278 K"/>
          <item value="279.4117647058824" alpha="255" color="#2f0a5b" label="279 K"/>
          <item value="280.5882352941176" alpha="255" color="#380962" label="281 K"/>
          <item value="281.7647058823529" alpha="255" color="#400a67" label="282 K"/>
          <item value="282.94117647058823" alpha="255" color="#490b6a" label="283 K"/>
          <item value="284.11764705882354" alpha="255" color="#510e6c" label="284 K"/>
          <item value="285.29411764705884" alpha="255" color="#59106e" label="285 K"/>
          <item value="286.47058823529414" alpha="255" color="#61136e" label="286 K"/>
          <item value="287.6470588235294" alpha="255" color="#69166e" label="288 K"/>
          <item value="288.8235294117647" alpha="255" color="#71196e" label="289 K"/>
          <item value="290" alpha="255" color="#781c6d" label="290 K"/>
          <item value="291.1764705882353" alpha="255" color="#801f6c" label="291 K"/>
          <item value="292.3529411764706" alpha="255" color="#88226a" label="292 K"/>
          <item value="293.52941176470586" alpha="255" color="#902568" label="294 K"/>
          <item value="294.70588235294116" alpha="255" color="#982766" label="295 K"/>
          <item value="295.88235294117646" alpha="255" color="#a02a63" label="296 K"/>
          <item value="297.05882352941177" alpha="255" color="#a82e5f" label="297 K"/>
          <item value="298.2352941176471" alpha="255" color="#b0315b" label="298 K"/>
          <item value="299.4117647058824" alpha="255" color="#b73557" label="299 K"/>
          <item value="300.5882352941176" alpha="255" color="#bf3952" label="301 K"/>
          <item value="301.7647058823529" alpha="255" color="#c63d4d" label="302 K"/>
          <item value="302.94117647058823" alpha="255" color="#cc4248" label="303 K"/>
          <item value="304.11764705882354" alpha="255" color="#d34743" label="304 K"/>
          <item value="305.29411764705884" alpha="255" color="#d94d3d" label="305 K"/>
          <item value="306.47058823529414" alpha="255" color="#df5337" label="306 K"/>
          <item value="307.6470588235294" alpha="255" color="#e45a31" label="308 K"/>
          <item value="308.8235294117647" alpha="255" color="#e9612b" label="309 K"/>
          <item value="310" alpha="255" color="#ed6925" label="310 K"/>
          <item value="311.1764705882353" alpha="255" color="#f1711f" label="311 K"/>
          <item value="312.3529411764706" alpha="255" color="#f47918" label="312 K"/>
          <item value="313.52941176470586" alpha="255" color="#f78212" label="314 K"/>
          <item value="314.70588235294116" alpha="255" color="#f98b0b" label="315 K"/>
          <item value="315.88235294117646" alpha="255" color="#fa9407" label="316 K"/>
          <item value="317.05882352941177" alpha="255" color="#fb9d07" label="317 K"/>
          <item value="318.2352941176471" alpha="255" color="#fca60c" label="318 K"/>
          <item value="319.4117647058823" alpha="255" color="#fcb014" label="319 K"/>
          <item value="320.5882352941176" alpha="255" color="#fbba1f" label="321 K"/>
          <item value="321.7647058823529" alpha="255" color="#fac42a" label="322 K"/>
          <item value="322.94117647058823" alpha="255" color="#f8cd37" label="323 K"/>
          <item value="324.11764705882354" alpha="255" color="#f6d746" label="324 K"/>
          <item value="325.29411764705884" alpha="255" color="#f4e156" label="325 K"/>
          <item value="326.47058823529414" alpha="255" color="#f2ea69" label="326 K"/>
          <item value="327.6470588235294" alpha="255" color="#f2f27d" label="328 K"/>
          <item value="328.8235294117647" alpha="255" color="#f5f992" label="329 K"/>
          <item value="330" alpha="255" color="#fcffa4" label="330 K"/>
          <rampLegendSettings direction="0" prefix="" suffix=" K" orientation="2" maximumLabel="" useContinuousLegend="1" minimumLabel="">
            <numericFormat id="basic">
              <Option type="Map">
                <Option name="decimal_separator" type="QChar" value=""/>
                <Option name="decimals" type="int" value="0"/>
                <Option name="rounding_type" type="int" value="0"/>
                <Option name="show_plus" type="bool" value="false"/>
                <Option name="show_thousand_separator" type="bool" value="true"/>
                <Option name="show_trailing_zeros" type="bool" value="false"/>
                <Option name="thousand_separator" type="QChar" value=""/>
              </Option>
            </numericFormat>
          </rampLegendSettings>
        </colorrampshader>
      </rastershader>
    </rasterrenderer>
    <brightnesscontrast gamma="1" contrast="0" brightness="0"/>
    <huesaturation colorizeBlue="128" colorizeOn="0" invertColors="0" saturation="0" grayscaleMode="0" colorizeRed="255" colorizeGreen="128" colorizeStrength="100"/>
    <rasterresampler maxOversampling="2"/>
    <resamplingStage>resamplingFilter</resamplingStage>
  </pipe>
  <blendMode>0</blendMode>
</qgis>

package io.freshet.core.geo;

/** A WGS-84 latitude/longitude pair in degrees, validated to lie on the globe. */
public record GeoPoint(double lat, double lon) {
  public GeoPoint {
    if (!(lat >= -90.0 && lat <= 90.0)) {
      throw new IllegalArgumentException("lat " + lat + " is outside [-90, 90]");
    }
    if (!(lon >= -180.0 && lon <= 180.0)) {
      throw new IllegalArgumentException("lon " + lon + " is outside [-180, 180]");
    }
  }
}

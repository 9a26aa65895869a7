package io.freshet.core.geo;

/** Great-circle distance on a spherical Earth of radius 6371 km. */
public final class Haversine {
  /** Mean Earth radius the fraud rules are specified with. */
  public static final double EARTH_RADIUS_KM = 6371.0;

  private Haversine() {}

  /** Distance in kilometres between two points. */
  public static double distanceKm(GeoPoint a, GeoPoint b) {
    return distanceKm(a.lat(), a.lon(), b.lat(), b.lon());
  }

  /** Distance in kilometres between two latitude/longitude pairs given in degrees. */
  public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double dPhi = Math.toRadians(lat2 - lat1);
    double dLambda = Math.toRadians(lon2 - lon1);
    double h =
        Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
            + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    // min() guards against rounding pushing h a hair above 1 for antipodal points.
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(h)));
  }
}

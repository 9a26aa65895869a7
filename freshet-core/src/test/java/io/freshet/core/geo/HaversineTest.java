package io.freshet.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HaversineTest {
  static final GeoPoint LONDON = new GeoPoint(51.5074, -0.1278);
  static final GeoPoint PARIS = new GeoPoint(48.8566, 2.3522);

  @Test
  void londonToParisIsAbout343Km() {
    // Given London and Paris / When measured / Then about 343.5 km apart
    assertThat(Haversine.distanceKm(LONDON, PARIS)).isCloseTo(343.5, within(0.5));
  }

  @Test
  void distanceIsSymmetric() {
    assertThat(Haversine.distanceKm(PARIS, LONDON)).isEqualTo(Haversine.distanceKm(LONDON, PARIS));
  }

  @Test
  void samePointIsZero() {
    assertThat(Haversine.distanceKm(PARIS, PARIS)).isEqualTo(0.0);
  }

  @Test
  void antipodesAreHalfTheCircumference() {
    // Given two antipodal points / When measured / Then half a great circle apart
    double d = Haversine.distanceKm(new GeoPoint(0.0, 0.0), new GeoPoint(0.0, 180.0));
    assertThat(d).isCloseTo(Math.PI * Haversine.EARTH_RADIUS_KM, within(1e-6));
  }

  @Test
  void polesAreHalfTheCircumference() {
    double d = Haversine.distanceKm(new GeoPoint(90.0, 0.0), new GeoPoint(-90.0, 0.0));
    assertThat(d).isCloseTo(Math.PI * 6371.0, within(1e-6));
  }
}

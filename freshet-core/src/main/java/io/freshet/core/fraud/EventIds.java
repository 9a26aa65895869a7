package io.freshet.core.fraud;

/**
 * 64-bit fingerprints of event ids, which the duplicate rule keeps for its 24-hour window instead
 * of the ids (a UUID is 36 characters; its fingerprint 8 bytes).
 *
 * <p>FNV-1a over the UTF-16 code units, then the MurmurHash3 64-bit finaliser: fixed, so a replay
 * or another JVM computes the same value. Two different ids share a fingerprint with probability
 * about 2^-64 for ids that are not crafted to collide (upstream producers assign them, customers
 * cannot). A new transaction is compared with the k fingerprints of its customer's last 24 hours,
 * so it is mistaken for a duplicate (and skipped without a decision) with probability about k ×
 * 2^-64: at 10^9 transactions a day with k = 100, once in about 500,000 years.
 */
public final class EventIds {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private EventIds() {}

  /** The fingerprint of {@code eventId}. */
  public static long fingerprint(String eventId) {
    long h = FNV_OFFSET;
    for (int i = 0; i < eventId.length(); i++) {
      h ^= eventId.charAt(i);
      h *= FNV_PRIME;
    }
    h ^= eventId.length();
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}

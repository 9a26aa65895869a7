package io.freshet.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets this JVM listens on, read from Linux's {@code /proc}: which addresses a running
 * platform exposes, to prove it listens on loopback only.
 */
public final class ListeningSockets {
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /** One listening socket: its local address in /proc's hex form decoded, and port. */
  public record Listener(String address, int port) {
    /** Whether only this machine can reach it. */
    public boolean loopback() {
      return address.equals("127.0.0.1") || address.equals("::1");
    }
  }

  /** Every socket this process listens on. */
  public static List<Listener> ofThisProcess() throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // The descriptor closed while we listed them: it is no socket of interest.
        }
      }
    }
    List<Listener> listeners = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
          String[] local = f[1].split(":");
          listeners.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
        }
      }
    }
    return listeners;
  }

  /** /proc's little-endian hex address, as text; an IPv4-mapped IPv6 address as IPv4. */
  static String address(String hex) {
    if (hex.length() == 8) {
      return ipv4(hex);
    }
    if (hex.substring(0, 24).equals("0000000000000000FFFF0000")) {
      return ipv4(hex.substring(24));
    }
    if (hex.equals("00000000000000000000000001000000")) {
      return "::1";
    }
    if (hex.equals("00000000000000000000000000000000")) {
      return "::";
    }
    return hex;
  }

  private static String ipv4(String hex) {
    long value = Long.parseLong(hex, 16);
    return (value & 0xff)
        + "."
        + ((value >> 8) & 0xff)
        + "."
        + ((value >> 16) & 0xff)
        + "."
        + ((value >> 24) & 0xff);
  }
}

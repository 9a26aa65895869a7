package io.freshet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SqlCommandTest {

  @Test
  void unreachableInstanceExitsWithOne() throws IOException {
    // Given a port nothing listens on (bound, then released)
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new FreshetCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    // When freshet sql is pointed at it
    int exit = cli.execute("sql", "select 1", "--url", "http://localhost:" + port);

    // Then it says nobody answers and exits 1, printing nothing on standard output
    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .startsWith("No Freshet instance answers at http://localhost:" + port);
  }

  @Test
  void errorOfAJsonErrorBodyIsItsMessage() {
    // When the error of a JSON error body and of a plain body are taken
    // Then the first is the message and the second the body itself
    assertThat(SqlCommand.error("{\"error\":\"only read-only queries\"}"))
        .isEqualTo("only read-only queries");
    assertThat(SqlCommand.error("<html>502</html>")).isEqualTo("<html>502</html>");
  }
}

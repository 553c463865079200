// Throwaway probe behind a figure in RESULTS-exports.md: the same query exported three ways on one warehouse.
// javac -d /tmp/probe -cp "$(cat target/bench-classpath.txt)" bench/exports/Fifo.java
// java -cp "/tmp/probe:$(cat target/bench-classpath.txt)" Fifo <warehouse.duckdb> "<select …>"   (needs mkfifo)
import java.sql.*; import java.nio.file.*; import java.io.*;
public class Fifo { public static void main(String[] a) throws Exception {
 Path fifo = Path.of("/tmp/fifo/p" + System.nanoTime() + ".csv");
 new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
 try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + a[0])) {
  String q = a[1];
  long t = System.nanoTime();
  Thread w = new Thread(() -> { try (Statement st = c.createStatement()) { st.execute("COPY (" + q + ") TO '" + fifo + "' (FORMAT csv, HEADER, USE_TMP_FILE false)"); } catch (Exception e) { System.out.println("copy failed " + e); } });
  w.start();
  long bytes = 0; byte[] buf = new byte[1 << 16];
  try (InputStream in = new FileInputStream(fifo.toFile()); OutputStream out = new BufferedOutputStream(new FileOutputStream("/tmp/fifo/out.csv"), 1<<16)) { int n; while ((n = in.read(buf)) > 0) { out.write(buf, 0, n); bytes += n; } }
  w.join();
  System.out.printf("fifo: %d bytes in %.2f s%n", bytes, (System.nanoTime()-t)/1e9);
  t = System.nanoTime();
  try (Statement st = c.createStatement()) { st.execute("COPY (" + q + ") TO '/tmp/fifo/copy.csv' (FORMAT csv, HEADER)"); }
  System.out.printf("copy to file: %.2f s%n", (System.nanoTime()-t)/1e9);
  t = System.nanoTime(); long rows=0;
  try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q); OutputStream out = new BufferedOutputStream(new FileOutputStream("/tmp/fifo/jdbc.csv"), 1<<16)) { int n = rs.getMetaData().getColumnCount(); while (rs.next()) { for (int i=1;i<=n;i++) { String s = rs.getString(i); if (s!=null) out.write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)); out.write(i<n?',':'\n'); } rows++; } }
  System.out.printf("jdbc per-cell getString: %.2f s%n", (System.nanoTime()-t)/1e9);
 } finally { Files.deleteIfExists(fifo); }
}}

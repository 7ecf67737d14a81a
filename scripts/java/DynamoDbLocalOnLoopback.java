import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local, started from the same command-line options as its jar, but listening on 127.0.0.1
 * only: the jar has no host option and would listen on every interface. Run in Java's single-file
 * source mode (`java -cp DynamoDBLocal.jar DynamoDbLocalOnLoopback.java ...`), so no build step.
 * Telemetry is never configured, so nothing is sent.
 *
 * With `-dbPath`, its SQLite database is told not to wait for the disk on every commit (`PRAGMA
 * synchronous = OFF`): a commit is then complete once the operating system has it, so the data
 * survives DynamoDB Local (or the whole stack) being killed, and only the machine losing power could
 * lose the last moments. It is a developer's database; waiting for the disk made every write slower.
 */
public class DynamoDbLocalOnLoopback {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Server server = (Server) field(proxy, "server");
    for (Connector connector : server.getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    proxy.start();
    if (Arrays.asList(args).contains("-dbPath")) commitWithoutWaitingForTheDisk(proxy);
  }

  /** The shared database's SQLite queue, reached through DynamoDB Local's own objects, told to commit without fsync. */
  private static void commitWithoutWaitingForTheDisk(DynamoDBProxyServer proxy) throws Exception {
    Object requests = field(field(proxy, "serverHandler"), "primaryHandler");
    Method handlerOf = requests.getClass().getDeclaredMethod("getHandler", String.class);
    handlerOf.setAccessible(true);
    Object database = handlerOf.invoke(requests, "shared");
    SQLiteQueue queue = (SQLiteQueue) field(field(database, "dbAccess"), "queue");
    queue
      .execute(
        new SQLiteJob<Void>() {
          @Override
          protected Void job(SQLiteConnection connection) throws Throwable {
            connection.exec("PRAGMA synchronous = OFF");
            return null;
          }
        }
      )
      .complete();
  }

  /** A field of an object, by name, wherever in its class's ancestry it is declared. */
  private static Object field(Object owner, String name) throws Exception {
    for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
      } catch (NoSuchFieldException notHere) {
        // Declared higher up.
      }
    }
    throw new NoSuchFieldException(name);
  }
}

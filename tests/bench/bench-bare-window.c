/* The floor for bench-startup: an empty AdwApplicationWindow with a header bar. */
#include <adwaita.h>
#include <sys/resource.h>

/* The same note of the first frame as Matou's (MATOU_BENCH_FIRST_FRAME). */
static void
on_first_frame_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  struct rusage usage;

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, user_data);
  /* The CPU time spent to get there, all threads: a busy machine stretches the wall time. */
  getrusage (RUSAGE_SELF, &usage);
  g_print ("first-frame-us=%" G_GINT64_FORMAT " cpu-us=%" G_GINT64_FORMAT "\n", g_get_monotonic_time (),
           (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
           + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_title (GTK_WINDOW (window), "Bare");
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  if (g_getenv ("MATOU_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_first_frame_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.matou.BenchBareWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}

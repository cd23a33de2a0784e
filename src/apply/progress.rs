//! What apply tells the person running it, on stderr: a line per statement, and for long
//! work (backfills, index builds) a progress bar on a terminal (indicatif), or else one
//! progress line every few seconds, so CI logs show it moving without flooding.

use indicatif::{ProgressBar, ProgressStyle};
use std::time::{Duration, Instant};

/// How often a progress line is written when stderr is not a terminal.
const LINE_EVERY: Duration = Duration::from_secs(5);

pub struct Progress {
    mode: Mode,
    bar: Option<ProgressBar>,
    last_line: Option<Instant>,
    started: Instant,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Terminal,
    Lines,
    Quiet,
}

impl Progress {
    /// Bars on a terminal, lines elsewhere.
    pub fn new() -> Progress {
        let mode = if console::Term::stderr().is_term() {
            Mode::Terminal
        } else {
            Mode::Lines
        };
        Progress::with(mode)
    }

    /// Nothing but what the caller prints (a fleet prints a line per database).
    pub fn quiet() -> Progress {
        Progress::with(Mode::Quiet)
    }

    fn with(mode: Mode) -> Progress {
        Progress {
            mode,
            bar: None,
            last_line: None,
            started: Instant::now(),
        }
    }

    /// A message above any bar.
    pub fn say(&self, message: &str) {
        match (&self.bar, self.mode) {
            (_, Mode::Quiet) => {}
            (Some(bar), _) => bar.println(message),
            (None, _) => eprintln!("{message}"),
        }
    }

    /// A statement starts.
    pub fn start(&mut self, label: &str) {
        self.finish_bar();
        self.started = Instant::now();
        self.last_line = None;
        self.say(label);
    }

    /// Work done so far of long work: `what` is `rows` or an index build's phase; `total`
    /// is `None` when unknown (a table never analyzed), and then no ETA is shown.
    pub fn advance(&mut self, what: &str, done: u64, total: Option<u64>) {
        let total = total.filter(|t| *t > 0).map(|t| t.max(done));
        match self.mode {
            Mode::Quiet => {}
            Mode::Terminal => {
                let bar = self.bar.get_or_insert_with(|| {
                    let (bar, template) = match total {
                        Some(t) => (
                            ProgressBar::new(t),
                            "      {msg} [{bar:30}] {human_pos}/{human_len} {per_sec} ETA {eta}",
                        ),
                        None => (
                            ProgressBar::new_spinner(),
                            "      {msg} {spinner} {human_pos} {per_sec}",
                        ),
                    };
                    bar.set_style(
                        ProgressStyle::with_template(template)
                            .expect("a valid template")
                            .progress_chars("=> "),
                    );
                    bar
                });
                if let Some(t) = total {
                    bar.set_length(t);
                }
                bar.set_position(done);
                bar.set_message(what.to_string());
            }
            Mode::Lines => {
                let due = self.last_line.is_none_or(|t| t.elapsed() >= LINE_EVERY);
                if due {
                    self.last_line = Some(Instant::now());
                    let secs = self.started.elapsed().as_secs_f64().max(0.001);
                    let rate = done as f64 / secs;
                    match total {
                        Some(total) => {
                            let eta = if rate > 0.0 && total > done {
                                format!(", ETA {:.0}s", (total - done) as f64 / rate)
                            } else {
                                String::new()
                            };
                            eprintln!("      {what}: {done}/{total} ({rate:.0}/s{eta})");
                        }
                        None => eprintln!("      {what}: {done} ({rate:.0}/s; total unknown)"),
                    }
                }
            }
        }
    }

    /// The statement ended.
    pub fn done(&mut self) {
        self.finish_bar();
    }

    fn finish_bar(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}

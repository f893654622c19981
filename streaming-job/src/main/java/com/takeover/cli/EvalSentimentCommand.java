package com.takeover.cli;

import com.takeover.scoring.SentimentEvaluation;
import com.takeover.scoring.SentimentScorer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bin/takeover eval-sentiment FILE...}: the sentiment scorer against human-rated sentences. */
@Command(
        name = "eval-sentiment",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the sentiment scorer against human-rated sentences.",
            "Each FILE has one sentence per line: id<TAB>mean rating<TAB>text (VADER's ground-truth format).",
            "Prints per file: n, Pearson r of the compound score with the rating, precision/recall of the sign"
                    + " (score beyond +/-0.05 vs the rating's sign), and VADER's published r when the file is one of its sets."
        })
public final class EvalSentimentCommand implements Callable<Integer> {

    /** VADER's own r on its ground-truth sets (Hutto & Gilbert 2014, Table 4), by file-name prefix. */
    static final Map<String, Double> VADER_PUBLISHED_R = Map.of(
            "amazonReviewSnippets", 0.565,
            "movieReviewSnippets", 0.451,
            "nytEditorialSnippets", 0.492);

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "rated sentences: id<TAB>rating<TAB>text")
    List<Path> files;

    @Option(names = "--no-domain", description = "score without the support-domain layer (VADER rules and emoji only)")
    boolean noDomain;

    @Spec
    CommandSpec spec;

    /** One file's figures. */
    record FileResult(Path file, SentimentEvaluation evaluation, int malformed, Double publishedR) {}

    @Override
    public Integer call() {
        for (Path f : files) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new Launcher.CommandFailure(Launcher.BAD_ARGUMENTS,
                        "cannot read " + f + (Files.exists(f) ? " (not a readable file)" : " (no such file)"));
            }
        }
        SentimentScorer scorer = noDomain ? SentimentScorer.withoutSupportDomain() : SentimentScorer.withDefaultLexicon();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FileResult> results = new ArrayList<>();
        for (Path f : files) {
            results.add(evaluate(f, scorer, err));
        }
        out.printf(Locale.ROOT, "%-40s %6s %7s %8s %6s %6s %6s %6s %9s%n",
                "file", "n", "r", "VADER r", "pos P", "pos R", "neg P", "neg R", "malformed");
        for (FileResult r : results) {
            SentimentEvaluation e = r.evaluation();
            out.printf(Locale.ROOT, "%-40s %6d %7.3f %8s %6.3f %6.3f %6.3f %6.3f %9d%n",
                    r.file().getFileName(), e.n(), e.pearsonR(),
                    r.publishedR() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.publishedR()),
                    e.positivePrecision(), e.positiveRecall(), e.negativePrecision(), e.negativeRecall(),
                    r.malformed());
        }
        out.printf("scorer: %s%n", noDomain ? "VADER rules + emoji (no support-domain layer)" : "default (with support-domain layer)");
        out.flush();
        return Launcher.OK;
    }

    static FileResult evaluate(Path file, SentimentScorer scorer, PrintWriter err) {
        List<double[]> pairs = new ArrayList<>();
        int malformed = 0;
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String problem = null;
                int t1 = line.indexOf('\t');
                int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
                double rating = Double.NaN;
                if (t2 < 0) {
                    problem = "expected id<TAB>rating<TAB>text";
                } else {
                    String ratingText = line.substring(t1 + 1, t2).strip();
                    try {
                        rating = Double.parseDouble(ratingText);
                        if (!Double.isFinite(rating)) {
                            problem = "rating '" + ratingText + "' is not a finite number";
                        }
                    } catch (NumberFormatException e) {
                        problem = "rating '" + ratingText + "' is not a number";
                    }
                }
                if (problem != null) {
                    malformed++;
                    err.printf("%s:%d: skipped: %s%n", file, lineNo, problem);
                    continue;
                }
                pairs.add(new double[] {scorer.score(line.substring(t2 + 1)), rating});
            }
        } catch (IOException e) {
            throw new Launcher.CommandFailure(Launcher.FAILURE, "reading " + file + ": " + e.getMessage(), e);
        }
        if (pairs.size() < 2) {
            throw new Launcher.CommandFailure(Launcher.FAILURE,
                    file + ": fewer than 2 well-formed lines (" + malformed + " malformed), nothing to correlate");
        }
        double[] scores = new double[pairs.size()];
        double[] ratings = new double[pairs.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = pairs.get(i)[0];
            ratings[i] = pairs.get(i)[1];
        }
        if (malformed > 0) {
            err.printf("%s: %d malformed line(s) skipped%n", file, malformed);
        }
        err.flush();
        return new FileResult(file, SentimentEvaluation.of(scores, ratings), malformed, publishedR(file));
    }

    static Double publishedR(Path file) {
        String name = file.getFileName().toString();
        return VADER_PUBLISHED_R.entrySet().stream()
                .filter(e -> name.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}

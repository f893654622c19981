package com.takeover.rules;

import com.takeover.schema.ConversationEvent;
import com.takeover.scoring.ConversationScorer;
import com.takeover.scoring.ConversationState;
import com.takeover.testing.Events;
import java.util.ArrayList;
import java.util.List;

/** One conversation fed event by event through the scorer and the evaluator, as the Flink operator does. */
final class Run {
    final ConversationScorer scorer;
    final RuleEvaluator evaluator;
    final RuleSet rules;
    final ConversationState state = new ConversationState();
    final List<RuleFiring> all = new ArrayList<>();

    Run(RuleSet rules) {
        this(Events.scriptedScorer(), rules);
    }

    Run(ConversationScorer scorer, RuleSet rules) {
        this.scorer = scorer;
        this.evaluator = new RuleEvaluator(scorer);
        this.rules = rules;
    }

    static Run defaults() {
        return new Run(RulesLoader.defaults());
    }

    /** Applies the event and evaluates at its time; returns the ids of the rules that fired. */
    List<String> feed(ConversationEvent e) {
        scorer.apply(state, e);
        return evaluate(e.getEventTime());
    }

    List<String> evaluate(long at) {
        List<RuleFiring> fired = evaluator.evaluate(state, rules, at);
        all.addAll(fired);
        return fired.stream().map(f -> f.rule().getId()).toList();
    }

    RuleFiring last() {
        return all.get(all.size() - 1);
    }

    RuleFiring firing(String ruleId) {
        return all.stream().filter(f -> f.rule().getId().equals(ruleId)).reduce((a, b) -> b).orElseThrow();
    }
}

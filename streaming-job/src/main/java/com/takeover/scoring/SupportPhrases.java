package com.takeover.scoring;

import com.takeover.scoring.SentimentLexicon.Builder;
import com.takeover.scoring.SentimentLexicon.Negated;

/**
 * The support-domain layer: phrases a general-purpose lexicon misses or misreads in a customer's
 * chat with a support AI. Values are on VADER's -4..+4 scale, so they add up with lexicon words
 * under the same rules (boosters, caps, "but", punctuation). A phrase's valence replaces the
 * valence of the words inside it.
 *
 * <p>Phrase syntax: words separated by single spaces, matched case-insensitively against the
 * message's tokens (punctuation stripped, curly apostrophes folded); {@code <count>} matches a
 * number of 2 or more ("3", "three", "several"), {@code <ordinal>} an ordinal ("third", "5th").
 * At one position the longest phrase wins.
 */
final class SupportPhrases {
    private SupportPhrases() {}

    /**
     * Words customers use to judge a product or a service that VADER's social-media lexicon lacks
     * (it has "rude" and "annoying" but not "slow", "buggy" or "nightmare"). Added only where
     * VADER has no rating; their derived forms ("slowly", "bugs"...) follow by the lexicon's rules.
     */
    static void registerWords(Builder b) {
        // Faults and friction: as negative as VADER's "problem" (-1.7) for the plain ones, as
        // "disaster" (-3.1) for the judgements.
        b.words(-1.2, "slow", "late", "expensive", "complicated", "clunky", "confusing", "overpriced");
        b.words(-1.6, "laggy", "glitchy", "buggy", "unresponsive", "flawed", "mediocre", "sloppy", "clumsy",
                "tedious", "hassle", "unhelpful", "unreachable", "impossible");
        b.words(-2.0, "overcharged", "incompetent", "unprofessional", "ripoff", "rip-off", "nightmare", "shambles");
        // Praise of service: like VADER's "helpful" (1.8).
        b.words(1.2, "quick", "fast", "smooth", "responsive");
        b.words(1.8, "polite", "professional", "knowledgeable", "seamless", "efficient", "refreshing");
        b.words(2.4, "extraordinary", "outstanding", "gem");
    }

    static void register(Builder b) {
        // Repetition and escalation. Every word here is neutral to VADER ("third", "time", "still",
        // "again"), yet a customer who says them has already been failed at least once: the earliest
        // and most reliable frustration signal in a support chat, so they sit beside "frustrated"
        // (-2.4). A negation neutralises rather than flips: "it's not still broken" is no praise.
        b.phrase(-2.2, Negated.NEUTRAL,
                "<ordinal> time i ask", "<ordinal> time i'm asking", "<ordinal> time i am asking",
                "<ordinal> time asking", "<ordinal> time i've asked", "<ordinal> time i have asked",
                "<ordinal> time i contact", "<ordinal> time i'm contacting", "<ordinal> time contacting",
                "<ordinal> time i write", "<ordinal> time i'm writing", "<ordinal> time i've written",
                "<ordinal> time i call", "<ordinal> time i'm calling", "<ordinal> time i've called",
                "<ordinal> time i explain", "<ordinal> time i'm explaining", "for the <ordinal> time",
                "asked <count> times", "asked you <count> times", "told you <count> times",
                "said <count> times", "explained <count> times", "contacted you <count> times",
                "called <count> times", "written <count> times", "<count> times already",
                "asked twice", "told you twice", "already told you", "i already said",
                "as i already said", "as i said before", "i already explained",
                "how many times do i have to", "how many more times",
                "for the last time");
        b.phrase(-2.3, Negated.NEUTRAL,
                "still not working", "still isn't working", "still is not working", "still not work",
                "still doesn't work", "still does not work", "still didn't work", "still won't work",
                "still broken", "still not fixed", "still isn't fixed", "still hasn't been fixed",
                "still not resolved", "still isn't resolved", "still unresolved", "still not solved",
                "still the same problem", "still the same issue", "still having the same",
                "still having issues", "still having problems", "still having trouble",
                "still can't", "still cannot", "still can not", "still don't have", "still do not have",
                "still haven't received", "still have not received", "still not received",
                "still hasn't arrived", "still has not arrived", "still not arrived", "still nothing",
                "still no refund", "still charging me");
        b.phrase(-1.8, Negated.NEUTRAL,
                "still waiting", "still no answer", "still no response", "still no reply",
                "still no update", "still no word", "still no news", "still haven't heard",
                "still have not heard", "still no one", "still nobody",
                "again and again", "over and over", "over and over again", "yet again",
                "every single time", "same answer again", "same canned answer", "same canned response",
                "same copy paste", "going in circles", "round in circles");

        // Faults reported plainly. Not anger yet, but a support chat exists because something
        // fails, and VADER sees nothing in "doesn't work" ("work" is no lexicon word): mildly
        // negative, below the escalation phrases. Negated ("not that it doesn't work") → neutral.
        b.phrase(-1.5, Negated.NEUTRAL,
                "not working", "isn't working", "is not working", "aren't working", "stopped working",
                "doesn't work", "does not work", "didn't work", "did not work", "won't work",
                "don't work", "do not work", "never worked", "keeps crashing", "keeps failing",
                "keeps freezing", "won't load", "doesn't load", "can't log in", "cannot log in",
                "can't login", "cannot login", "can't sign in", "locked out", "never arrived",
                "never received", "didn't arrive", "hasn't arrived", "has not arrived",
                "haven't received", "have not received", "didn't receive", "did not receive",
                "charged twice", "double charged", "charged me twice", "wrong item", "nothing happens",
                "no response", "no reply", "no answer", "no one answers", "nobody answers",
                "not received", "not fixed", "not resolved", "not solved");

        // Churn: cancelling, leaving, refunds. "cancel" is only -1.0 in VADER and "refund",
        // "switching", "account" are neutral, yet these are the messages with the highest cost to
        // the business. "switching to" is weaker (-1.5): "switching to the annual plan" is no threat.
        // Negated ("I don't want to cancel my account") is a customer still willing: neutral.
        b.phrase(-2.0, Negated.NEUTRAL,
                "cancel my account", "close my account", "delete my account", "terminate my account",
                "cancel my subscription", "cancel my membership", "cancel my plan", "cancel my contract",
                "end my subscription", "terminate my contract", "cancel the subscription",
                "cancel everything", "close the account",
                "want a refund", "want my money back", "give me my money back", "full refund",
                "demand a refund", "refund me", "need a refund", "requesting a refund", "request a refund",
                "never use you again", "never using you again", "never buying from you again",
                "never order from you again", "never ordering again", "go elsewhere", "going elsewhere",
                "going to a competitor", "moving to a competitor", "switch to a competitor");
        b.phrase(-1.5, Negated.NEUTRAL, "switching to", "switch to another", "moving to another");
        // A chargeback or a bank dispute means the customer has already gone past support: the
        // strongest churn signal, as strong as "hate" (-2.7).
        b.phrase(-2.7, Negated.NEUTRAL,
                "chargeback", "chargebacks", "charge back", "dispute the charge", "dispute this charge",
                "contact my bank", "call my bank", "file a complaint", "formal complaint",
                "take my business elsewhere", "report you");

        // Exasperation: the customer judges the service itself. VADER rates these for general text,
        // where they are often playful ("ridiculous" -1.5, "kidding" even +0.4, "joke" +1.2);
        // addressed to an agent they are near the bottom of the scale. Negated: flipped like any word.
        b.phrase(-2.5, Negated.FLIP,
                "this is ridiculous", "that's ridiculous", "that is ridiculous", "it's ridiculous",
                "this is absurd", "this is a joke", "what a joke", "you're a joke", "this is insane",
                "are you kidding", "are you kidding me", "you must be kidding", "you've got to be kidding",
                "you have got to be kidding", "are you serious", "are you for real",
                "waste of time", "waste of my time", "waste of money", "useless", "unacceptable",
                "you're not listening", "you are not listening", "you aren't listening",
                "your not listening", "you're not even listening", "not listening");
        b.phrase(-2.0, Negated.FLIP,
                "ridiculous", "not helpful", "isn't helpful", "wasn't helpful", "not helping",
                "isn't helping", "doesn't help", "does not help", "didn't help", "did not help",
                "no help", "you don't understand", "you do not understand", "you don't get it",
                "read my message", "makes no sense", "doesn't make sense", "does not make sense",
                "pointless", "hopeless", "talking to a wall", "talking to a bot", "stupid bot",
                "useless bot", "thanks for nothing", "thank you for nothing");

        // Profanity at an agent: frustration however it is spelled. VADER already rates the plain
        // words (-1.6..-2.8); masked spellings (f***, sh*t) map to their word. Profane boosters
        // ("fucking") still boost a sentiment word after them, and count -2.0 on their own.
        b.profanity(-2.5, "fuck", "fck", "fuk", "fucked", "fucks", "motherfucker");
        b.profanity(-2.0, "fucking", "fuckin", "fucken", "fkn", "fking", "effing", "goddamn", "crap",
                "crappy", "damn", "dammit", "damnit", "bloody", "bs", "shitty", "asshole", "arsehole");
        b.profanity(-2.6, "shit", "bullshit", "wtf", "ffs", "stfu", "omfg");
        b.phrase(-2.8, Negated.FLIP, "screw you", "screw this", "piss off", "pissed off", "fed up");

        // Gratitude and resolution: the clearest sign a takeover is no longer needed. "worked",
        // "sorted", "fixed" are no VADER words and "problem solved" even nets negative there
        // ("problem" -1.7 + "solved" +1.1), so the layer scores them like a boosted "thanks".
        b.phrase(2.2, Negated.FLIP,
                "that worked", "it worked", "this worked", "that works", "it works now", "works now",
                "working now", "it's working", "it is working now", "that fixed it", "this fixed it",
                "fixed it", "that did it", "that did the trick", "all good now", "all sorted", "sorted now",
                "that helps", "that helped", "this helped", "very helpful", "so helpful");
        b.phrase(2.5, Negated.FLIP,
                "problem solved", "issue solved", "problem resolved", "issue resolved", "problem fixed",
                "issue fixed", "problem is solved", "issue is resolved", "problem is fixed");
        b.phrase(2.8, Negated.FLIP,
                "thanks so much", "thank you so much", "thanks a lot", "thank you very much",
                "thanks a million", "many thanks", "much appreciated", "really appreciate it",
                "you're a star", "you're the best", "you are the best", "you rock", "perfect");

        // Politeness, requests and support vocabulary that carry no feeling in a support chat.
        // VADER rates "please" +1.3, "help" +1.7, "like" +1.5, "support" +1.7, "credit" +1.6,
        // "number" +0.3, "want" +0.3 and "pay" -0.4, so "please help, I'd like to pay by credit card" reads as
        // praise and "can I pay in installments?" as a complaint.
        b.phrase(0.0, Negated.FLIP,
                "please", "help", "need help", "please help", "help me", "would like", "i'd like",
                "i would like", "we'd like", "looks like", "seems like", "feels like", "like this",
                "like that", "something like", "support", "customer support", "customer care",
                "support team", "credit card", "store credit", "number", "pay", "want");
    }
}

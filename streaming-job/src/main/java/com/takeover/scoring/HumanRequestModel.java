package com.takeover.scoring;

import java.io.Serializable;

/** Whether a customer message asks for a human; lets tests script it and the job use {@link HumanRequestDetector}. */
@FunctionalInterface
public interface HumanRequestModel extends Serializable {
    boolean isHumanRequest(String text);

    static HumanRequestModel detector() {
        return new Detector(new HumanRequestDetector());
    }

    /** A named class rather than a lambda: Flink ships the scorer by Java serialization. */
    final class Detector implements HumanRequestModel {
        private static final long serialVersionUID = 1L;
        private final HumanRequestDetector detector;

        Detector(HumanRequestDetector detector) {
            this.detector = detector;
        }

        @Override
        public boolean isHumanRequest(String text) {
            return detector.isHumanRequest(text);
        }
    }
}

package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Objects;

/**
 * A {@code userlist} section: users and groups for HTTP authentication.
 *
 * @param name the section's name
 * @param groups the groups, in order
 * @param users the users, in order
 */
public record UserList(String name, List<Group> groups, List<User> users) implements PlanNode {

    public UserList {
        Objects.requireNonNull(name, "name");
        groups = List.copyOf(groups);
        users = List.copyOf(users);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitUserList(this);
    }

    /** A {@code group} line: its name and the users it lists. */
    public record Group(String name, List<String> users) {

        public Group {
            Objects.requireNonNull(name, "name");
            users = List.copyOf(users);
        }
    }

    /**
     * A {@code user} line.
     *
     * @param name the user
     * @param password the password: a crypt(3) hash, or clear text when {@code insecure}; null for none
     * @param insecure true for {@code insecure-password}
     * @param groups the groups it names
     */
    public record User(String name, String password, boolean insecure, List<String> groups) {

        public User {
            Objects.requireNonNull(name, "name");
            groups = List.copyOf(groups);
        }
    }
}
